import { bodyBlockTags, bodyInlineTags } from '../sanitize.js';
import { type BodyRule, renderXmlBody } from './html-body.js';
import { type NitfHead, nitfBodyHtml, readNitfBodyHead } from './nitf/read.js';
import { optionalText } from './normalize.js';
import { attr, child, elements, isElement, textOf, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * A body sent as XML inside another format: NewsML-G2's `inlineXML`, a ninjs body with an XML
 * content type. NITF and XHTML by their structure, agency-flavoured NITF and other markup by
 * its paragraphs; what cannot be read is said, never dropped without a word (issue 10).
 */
export interface InlineXmlBody {
  /** Sanitised HTML. */
  html?: string;
  /** The body.head of an inline NITF body: headline, byline and dateline. */
  nitf?: NitfHead & { title?: string };
  /** Why a body that has text could not be read, for the `body unreadable` warning. */
  unreadable?: string;
}

/** The element's `contenttype` without parameters, lower-cased. */
export const mediaType = (el: XmlElement) => (attr(el, 'contenttype') ?? '').split(';')[0]!.trim().toLowerCase();

// XHTML sent without an html/body wrapper starts with body elements. Any other vocabulary
// (SportsML `sports-content`, EventsML `events`) is data, not a body: its text run together
// read as one paragraph of team names and dates (IPTC LISTING 16 and 21).
const bareXhtmlTags = new Set([...bodyBlockTags, ...bodyInlineTags, 'div', 'section', 'article', 'span', 'h1', 'h5', 'h6', 'figure', 'dl']);

function isBareXhtml(el: XmlElement): boolean {
  const type = mediaType(el);
  if (type !== '' && !type.includes('html')) return false;
  return elements(el).every((e) => bareXhtmlTags.has(e.name.toLowerCase()));
}

// Agency-flavoured NITF and other inline markup (TT's TTNITF: BODY/TEXT/BRODTEXT/P, CITAT): what is not
// body text is left out, quotes are quotes, the rest stands as paragraphs (names are lower-cased).
const agencyRules: Record<string, BodyRule> = {
  'body.content': 'container',
  text: 'container',
  brodtext: 'container',
  bodytext: 'container',
  block: 'container',
  citat: 'blockquote',
  bq: 'blockquote',
  quote: 'blockquote',
  hl2: 'h2',
  mellanrubrik: 'h2',
  subhead: 'h2',
};
for (const name of [
  'rubrik',
  'hl1',
  'hedline',
  'headline',
  'dat',
  'dateline',
  'byline',
  'body.head',
  'body.end',
  'bild',
  'media',
  'caption',
  'photo',
  'image',
  'picture',
]) {
  agencyRules[name] = 'drop';
}

/** The body of inline markup Lede has no rules for, when its structure is recognisable: paragraphs in a body. */
function agencyBody(el: XmlElement, options: { headline?: string; embedHosts?: string[] }): string | undefined {
  const lower = (e: XmlElement) => e.name.toLowerCase();
  const all = [el, ...descendantsWhere(el, () => true)];
  const body = all.find((e) => lower(e) === 'body.content') ?? all.find((e) => lower(e) === 'body');
  const firstParagraph = descendantsWhere(body ?? el, (e) => lower(e) === 'p')[0];
  if (!firstParagraph) return undefined;
  const from = body ?? parentOf(el, firstParagraph) ?? el;
  return renderXmlBody(from.children, { ...options, rules: agencyRules });
}

function descendantsWhere(el: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (parent: XmlElement) => {
    for (const n of parent.children) {
      if (!isElement(n)) continue;
      if (test(n)) found.push(n);
      walk(n);
    }
  };
  walk(el);
  return found;
}

function parentOf(root: XmlElement, target: XmlElement): XmlElement | undefined {
  if (root.children.includes(target)) return root;
  for (const n of root.children) {
    const found = isElement(n) ? parentOf(n, target) : undefined;
    if (found) return found;
  }
  return undefined;
}

const hasText = (nodes: XmlNode[]) => nodes.some((n) => textOf(n).trim() !== '');

export function inlineXmlBody(el: XmlElement, options: { headline?: string; embedHosts?: string[] }, label = 'inlineXML'): InlineXmlBody {
  const type = mediaType(el) || 'without a content type';
  const nitf = elements(el).find((e) => e.name === 'nitf');
  if (nitf || mediaType(el) === 'application/nitf+xml') {
    const body = child(nitf, 'body');
    const head = readNitfBodyHead(child(body, 'body.head'));
    const content = child(body, 'body.content')?.children ?? [];
    const html = nitfBodyHtml(content, options) ?? agencyBody(el, options);
    return {
      html,
      nitf: { ...head, title: optionalText(textOf(child(child(nitf, 'head'), 'title'))) },
      unreadable: !html && hasText(content) ? `${label} ${type}: body.content has no text Lede can read` : undefined,
    };
  }
  // XHTML (application/xhtml+xml, text/html): the children of `body` (§7).
  const html = elements(el).find((e) => e.name === 'html');
  const body = child(html, 'body') ?? elements(el).find((e) => e.name === 'body');
  if (body || html) return { html: renderXmlBody(body ? body.children : [], { ...options }) };
  if (isBareXhtml(el)) return { html: renderXmlBody(el.children, { ...options }) };
  const agency = agencyBody(el, options);
  if (agency) return { html: agency };
  if (!hasText(el.children)) return {};
  const root = elements(el)[0];
  return {
    unreadable: `${label} ${type}${root ? ` holds <${root.qname}>` : ''}: no paragraphs Lede can read`,
  };
}
