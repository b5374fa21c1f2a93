import { escapeHtmlAttribute, escapeHtmlText } from '../../../core/escape.js';
import type { NinjsAssociation, NinjsText } from '../../../core/ninjs.js';
import { type BodyRule, renderXmlBody } from '../html-body.js';
import { compact, optionalText } from '../normalize.js';
import { attr, child, descendants, elements, isElement, textOf, type XmlElement, type XmlNode } from '../xml-tree.js';

/** The text of an element without some of its descendants (a byline without its `byttl`). */
export function textWithout(el: XmlElement | undefined, skip: string[]): string {
  if (!el) return '';
  return el.children.map((n) => (isElement(n) ? (skip.includes(n.name) ? ' ' : textWithout(n, skip)) : n)).join('');
}

const isWebUrl = (value: string | undefined): value is string => value !== undefined && /^https?:\/\//i.test(value.trim());
const imageTypes = new Set(['image', 'graphic', 'photo', '']);

function mediaImage(media: XmlElement): { ref: XmlElement; caption?: string } | undefined {
  if (!imageTypes.has((attr(media, 'media-type') ?? '').toLowerCase())) return undefined;
  const refs = elements(media, 'media-reference');
  const ref = refs.find((r) => isWebUrl(attr(r, 'source'))) ?? refs[0];
  return ref ? { ref, caption: optionalText(textOf(child(media, 'media-caption'))) } : undefined;
}

/** NITF 3.x §media: a picture with a web address becomes a figure; anything else is dropped. */
const renderMedia: BodyRule = (media) => {
  const image = mediaImage(media);
  const src = attr(image?.ref, 'source');
  if (!image || !isWebUrl(src)) return '';
  const alt = optionalText(attr(image.ref, 'alternate-text'));
  const size = ['width', 'height'].map((n) => (/^\d+$/.test(attr(image.ref, n) ?? '') ? ` ${n}="${attr(image.ref, n)}"` : '')).join('');
  const img = `<img src="${escapeHtmlAttribute(src.trim())}"${alt ? ` alt="${escapeHtmlAttribute(alt)}"` : ''}${size}>`;
  return `<figure>${img}${image.caption ? `<figcaption>${escapeHtmlText(image.caption)}</figcaption>` : ''}</figure>`;
};

/** INGEST-CONTRACT §7, NITF: p → p, hl2 → h2, block → its children, lists and tables kept, media → figure. */
export const nitfBodyRules: Record<string, BodyRule> = {
  'body.content': 'container',
  block: 'container',
  'nitf-table': 'container',
  note: 'container',
  hl1: 'h2',
  hl2: 'h2',
  bq: 'blockquote',
  credit: 'p',
  media: renderMedia,
  'nitf-table-metadata': 'drop',
  fn: 'drop',
  classifier: 'drop',
  'body.head': 'drop',
  'body.end': 'drop',
};

export function nitfBodyHtml(nodes: XmlNode[], options: { headline?: string; embedHosts?: string[] }): string | undefined {
  return renderXmlBody(nodes, { rules: nitfBodyRules, ...options });
}

/** Pictures of `media` elements, for `associations`: the picture is the agency's, with its caption. */
export function nitfPictures(bodyContent: XmlElement | undefined): NinjsAssociation[] {
  const pictures: NinjsAssociation[] = [];
  for (const media of descendants(bodyContent, 'media')) {
    const image = mediaImage(media);
    const source = optionalText(attr(image?.ref, 'source'));
    if (!image || !source) continue;
    pictures.push(
      compact({
        name: `media-${pictures.length + 1}`,
        uri: source,
        type: 'picture',
        descriptions: image.caption ? [{ role: 'caption', value: image.caption }] : [],
        renditions: isWebUrl(source)
          ? [
              compact({
                href: source,
                contenttype: optionalText(attr(image.ref, 'mime-type')),
                width: toInt(attr(image.ref, 'width')),
                height: toInt(attr(image.ref, 'height')),
              }),
            ]
          : [],
      }),
    );
  }
  return pictures;
}

const toInt = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

const machineTime = /^\s*\d{8}(T\d{4,6}([+-]\d{4}|Z)?)?\s*$/;

// "Unnao", "KANSAS CITY, Mo.": letters only, no date, no agency in brackets, no dash.
const placeOnly = /^[\p{L}\p{M}][\p{L}\p{M} .,'’]*$/u;

/** The text of a block of paragraphs, one space between them. */
export function paragraphsText(el: XmlElement | undefined): string | undefined {
  const paragraphs = elements(el, 'p');
  return optionalText(paragraphs.length > 0 ? paragraphs.map((p) => textOf(p)).join(' ') : textOf(el));
}

export interface NitfHead {
  headlines: NinjsText[];
  by?: string;
  dateline?: string;
  located?: string;
  summary?: string;
  distributor?: string;
}

/** `body.head`: hedline, byline (without byttl), dateline and its place, abstract, distributor. */
export function readNitfBodyHead(bodyHead: XmlElement | undefined): NitfHead {
  const hedline = child(bodyHead, 'hedline');
  const headlines: NinjsText[] = [];
  const main = optionalText(textOf(child(hedline, 'hl1')));
  if (main) headlines.push({ role: 'main', value: main });
  for (const hl2 of elements(hedline, 'hl2')) {
    const sub = optionalText(textOf(hl2));
    // AP repeats the headline as `<hl2 id="originalHeadline">`: a copy of the main one is no subheadline.
    if (sub && sub !== main) headlines.push({ role: 'sub', value: sub });
  }
  const bylines = [...new Set(elements(bodyHead, 'byline').flatMap((b) => optionalText(textWithout(b, ['byttl'])) ?? []))];
  const dateline = child(bodyHead, 'dateline');
  const storyDates = elements(dateline, 'story.date');
  // EFE's dateline holds only a machine time (`<story.date norm="…">20170102T222800+0000</story.date>`):
  // that is the date of the story, not dateline text for readers.
  const isMachineOnly = storyDates.length > 0 && storyDates.every((d) => machineTime.test(textOf(d)));
  const datelineText = optionalText(isMachineOnly ? textWithout(dateline, ['story.date']) : textOf(dateline));
  const location = child(dateline, 'location');
  const located =
    optionalText(textOf(child(location, 'city'))) ??
    optionalText(textOf(location)) ??
    (datelineText && datelineText.length <= 60 && placeOnly.test(datelineText) ? datelineText : undefined);
  return {
    headlines,
    by: bylines.length > 0 ? bylines.join(', ') : undefined,
    dateline: datelineText,
    located,
    summary: paragraphsText(child(bodyHead, 'abstract')),
    distributor: optionalText(textOf(child(bodyHead, 'distributor'))),
  };
}
