import type { NinjsAssociation, NinjsRendition, NinjsText } from '../../../core/ninjs.js';
import { htmlStringBody, plainTextBody, renderXmlBody } from '../html-body.js';
import { type NitfHead, nitfBodyHtml, readNitfBodyHead } from '../nitf/read.js';
import { compact, optionalText } from '../normalize.js';
import { attr, child, elements, path, textOf, type XmlElement } from '../xml-tree.js';

/** NewsLines of the story, first non-empty value of each kind in component order. */
export type Lines = Partial<
  Record<'HeadLine' | 'SubHeadLine' | 'ByLine' | 'DateLine' | 'SlugLine' | 'CopyrightLine' | 'CreditLine', string>
>;

export interface Story {
  lines: Lines;
  bodies: string[];
  /** body.head of an embedded NITF body: used when the NewsLines lack a headline or byline. */
  nitf?: NitfHead;
  /** The text of an Abstract (teaser, summary) component: a description, not the body (§6). */
  summary?: string;
  /** `MediaType` of the ContentItem the body came from. */
  mediaType?: string;
  descriptive: XmlElement[];
  /** TopicSets of the story's components, which name the codes used in its metadata. */
  topicSets: XmlElement[];
  administrative: XmlElement[];
  rights: XmlElement[];
  media: NinjsAssociation[];
}

const formal = (el: XmlElement | undefined) => optionalText(attr(el, 'FormalName'));
const roleOf = (component: XmlElement) => formal(child(component, 'Role'))?.toLowerCase();
// Components with these roles are not the body: their text is read elsewhere or not at all.
// Component roles whose text is the item's summary: a newswire's Abstract, a teaser (§6).
const summaryRoles = new Set(['abstract', 'teaser', 'summary', 'standfirst']);
const notBody = new Set(['caption', 'stylesheet', 'contact', 'headline', 'subheadline', 'logo', 'preview', ...summaryRoles]);
const mediaTypes = /^(photo|picture|image|graphic|video|audio|movie|sound)$/i;

function mediaTypeOf(ci: XmlElement): string {
  return formal(child(ci, 'MediaType')) ?? formal(child(ci, 'MimeType'))?.split('/')[0] ?? '';
}

/** A component whose content is pictures, video or audio, with no story text of its own. */
export function isMediaComponent(component: XmlElement): boolean {
  let hasMedia = false;
  let hasText = false;
  const walk = (nc: XmlElement, inherited?: string) => {
    const role = roleOf(nc) ?? inherited;
    for (const ci of elements(nc, 'ContentItem')) {
      if (mediaTypes.test(mediaTypeOf(ci))) hasMedia = true;
      else if (!role || !notBody.has(role)) hasText = hasText || child(ci, 'DataContent') !== undefined;
    }
    for (const sub of elements(nc, 'NewsComponent')) walk(sub, role);
  };
  walk(component);
  return hasMedia && !hasText;
}

function collectLines(nc: XmlElement, lines: Lines) {
  for (const el of elements(child(nc, 'NewsLines'))) {
    const key = el.name as keyof Lines;
    if (['HeadLine', 'SubHeadLine', 'ByLine', 'DateLine', 'SlugLine', 'CopyrightLine', 'CreditLine'].includes(key)) {
      lines[key] ??= optionalText(textOf(el));
    }
  }
}

/** The HTML of one DataContent: embedded NITF, XHTML, NITF-like fragments, or an HTML or text string. */
function dataContentHtml(ci: XmlElement, story: Story, options: { embedHosts?: string[] }): string | undefined {
  const dc = child(ci, 'DataContent');
  if (!dc) return undefined;
  const els = elements(dc);
  const nitf = els.find((e) => e.name === 'nitf');
  if (nitf) {
    const body = child(nitf, 'body');
    story.nitf ??= readNitfBodyHead(child(body, 'body.head'));
    return nitfBodyHtml(child(body, 'body.content')?.children ?? [], options);
  }
  const html = els.find((e) => e.name === 'html');
  if (html) return renderXmlBody(child(html, 'body')?.children ?? [], { ...options, headline: story.lines.HeadLine });
  if (els.length > 0) return nitfBodyHtml(dc.children, options);
  const type = `${formal(child(ci, 'MimeType')) ?? ''} ${formal(child(ci, 'Format')) ?? ''}`;
  return /html/i.test(type) ? htmlStringBody(textOf(dc), options.embedHosts) : plainTextBody(textOf(dc), options.embedHosts);
}

/** Walks the NewsComponent tree: story lines, metadata and body; media components become associations. */
export function readStory(top: XmlElement | undefined, itemUri: string, options: { embedHosts?: string[] }): Story {
  const story: Story = { lines: {}, bodies: [], descriptive: [], topicSets: [], administrative: [], rights: [], media: [] };
  const walk = (nc: XmlElement) => {
    collectLines(nc, story.lines);
    // concat, not push(...): a hostile file's thousands of elements would overflow the call stack as arguments.
    story.descriptive = story.descriptive.concat(elements(nc, 'DescriptiveMetadata'));
    story.topicSets = story.topicSets.concat(elements(nc, 'TopicSet'));
    story.administrative = story.administrative.concat(elements(nc, 'AdministrativeMetadata'));
    story.rights = story.rights.concat(elements(nc, 'RightsMetadata'));
    const role = roleOf(nc);
    for (const ci of elements(nc, 'ContentItem')) {
      if (role === 'subheadline') story.lines.SubHeadLine ??= optionalText(textOf(child(ci, 'DataContent')));
      if (role && summaryRoles.has(role)) story.summary ??= optionalText(textOf(child(ci, 'DataContent')));
      if ((role && notBody.has(role)) || /css/i.test(formal(child(ci, 'MimeType')) ?? '')) continue;
      const html = dataContentHtml(ci, story, options);
      if (html) {
        story.bodies.push(html);
        story.mediaType ??= mediaTypeOf(ci);
      }
    }
    for (const sub of elements(nc, 'NewsComponent')) {
      if (isMediaComponent(sub)) story.media.push(readMedia(sub, itemUri, story.media.length));
      else walk(sub);
    }
  };
  if (top) walk(top);
  return story;
}

const imageFormats: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  png: 'image/png',
  webp: 'image/webp',
};
const number = (v: string | undefined) => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);

function renditionOf(ci: XmlElement, role: string | undefined): NinjsRendition {
  const props = elements(child(ci, 'Characteristics'), 'Property');
  const prop = (...names: string[]) =>
    attr(
      props.find((p) => names.includes(attr(p, 'FormalName') ?? '')),
      'Value',
    );
  const format = formal(child(ci, 'Format'))?.toLowerCase().split(/\s/)[0] ?? '';
  return compact({
    name: role ?? optionalText(prop('ImageUse', 'MultiMediaUse')) ?? optionalText(formal(child(ci, 'Format'))),
    href: optionalText(attr(ci, 'Href')),
    contenttype: formal(child(ci, 'MimeType')) ?? imageFormats[format],
    width: number(prop('Width', 'PixelWidth')),
    height: number(prop('Height', 'PixelHeight')),
    sizeinbytes: number(textOf(path(ci, 'Characteristics', 'SizeInBytes'))),
  });
}

/** A photo, graphic or video component as an association (INGEST-CONTRACT §9). */
export function readMedia(component: XmlElement, itemUri: string, index: number): NinjsAssociation {
  const lines: Lines = {};
  const renditions: NinjsRendition[] = [];
  let caption: string | undefined;
  let kind = '';
  const walk = (nc: XmlElement) => {
    collectLines(nc, lines);
    const role = formal(child(nc, 'Role'));
    for (const ci of elements(nc, 'ContentItem')) {
      const type = mediaTypeOf(ci).toLowerCase();
      if (role?.toLowerCase() === 'caption') caption ??= optionalText(textOf(child(ci, 'DataContent')));
      // AFP gives each rendition a component of its own (Role HighDef, Quicklook…); Business Wire
      // puts all of them in one component and names each by its ImageUse property.
      else if (attr(ci, 'Href')) renditions.push(renditionOf(ci, elements(nc, 'ContentItem').length === 1 ? role : undefined));
      if (/video|movie/.test(type) || /^video\//.test(formal(child(ci, 'MimeType')) ?? '')) kind = 'video';
      else if (/audio|sound/.test(type) && kind !== 'video') kind = 'audio';
      else if (type === 'graphic' && !kind) kind = 'graphic';
    }
    for (const sub of elements(nc, 'NewsComponent')) walk(sub);
  };
  walk(component);
  const duid = optionalText(attr(component, 'Duid'));
  const name = formal(child(component, 'Role'))?.toLowerCase() ?? duid ?? `media-${index + 1}`;
  const creator = formal(path(component, 'AdministrativeMetadata', 'Creator', 'Party'));
  const descriptions: NinjsText[] = [];
  // AFP repeats the caption as the component's HeadLine; without a Caption component, it is the caption.
  const captionText = caption ?? lines.HeadLine;
  if (captionText) descriptions.push({ role: 'caption', value: captionText });
  if (lines.CreditLine) descriptions.push({ role: 'creditline', value: lines.CreditLine });
  return compact({
    name,
    uri: duid ? `${itemUri}#${duid}` : (renditions.find((r) => /^https?:/.test(r.href ?? ''))?.href ?? `${itemUri}#${name}`),
    type: kind || 'picture',
    headlines: lines.HeadLine ? [{ role: 'main', value: lines.HeadLine }] : [],
    by: lines.ByLine ?? creator,
    copyrightnotice: lines.CopyrightLine,
    descriptions,
    renditions,
  });
}
