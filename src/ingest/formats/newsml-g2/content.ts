import type { NinjsRendition } from '../../../core/ninjs.js';
import { bodyBlockTags, bodyInlineTags } from '../../sanitize.js';
import { htmlStringBody, plainTextBody, renderXmlBody } from '../html-body.js';
import { type NitfHead, nitfBodyHtml, readNitfBodyHead } from '../nitf/read.js';
import { compact, optionalText } from '../normalize.js';
import { attr, child, elements, isElement, textOf, type XmlElement } from '../xml-tree.js';
import { codeOf } from './meta.js';

export interface ContentSet {
  /** The main body, sanitised HTML: the first rendition of the content that has text. */
  html?: string;
  /** The body.head of an inline NITF body: headline, byline and dateline when contentMeta lacks them. */
  nitf?: NitfHead & { title?: string };
  renditions: NinjsRendition[];
}

const mediaType = (el: XmlElement) => (attr(el, 'contenttype') ?? '').split(';')[0]!.trim().toLowerCase();
const toNumber = (v: string | undefined) => (v !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined);

/** `remoteContent` → a rendition: name from the rendition QCode without its scheme (§9). */
function renditionOf(el: XmlElement): NinjsRendition {
  return compact({
    // NewsML-G2 2.x lets any QCode be sent as its URI sibling: `renditionuri` for `rendition`.
    name: optionalText(codeOf(attr(el, 'rendition') ?? attr(el, 'renditionuri'))),
    href: optionalText(attr(el, 'href') ?? attr(el, 'residref')),
    contenttype: optionalText(mediaType(el)),
    width: toNumber(attr(el, 'width')),
    height: toNumber(attr(el, 'height')),
    sizeinbytes: toNumber(attr(el, 'size')),
  });
}

// XHTML sent without an html/body wrapper starts with body elements. Any other vocabulary
// (SportsML `sports-content`, EventsML `events`) is data, not a body: its text run together
// read as one paragraph of team names and dates (IPTC LISTING 16 and 21).
const bareXhtmlTags = new Set([...bodyBlockTags, ...bodyInlineTags, 'div', 'section', 'article', 'span', 'h1', 'h5', 'h6', 'figure', 'dl']);

function isBareXhtml(el: XmlElement): boolean {
  const type = mediaType(el);
  if (type !== '' && !type.includes('html')) return false;
  return elements(el).every((e) => bareXhtmlTags.has(e.name.toLowerCase()));
}

function inlineXmlBody(el: XmlElement, options: { headline?: string; embedHosts?: string[] }): Pick<ContentSet, 'html' | 'nitf'> {
  const nitf = elements(el).find((e) => e.name === 'nitf');
  if (nitf || mediaType(el) === 'application/nitf+xml') {
    const body = child(nitf, 'body');
    const head = readNitfBodyHead(child(body, 'body.head'));
    return {
      html: nitfBodyHtml(child(body, 'body.content')?.children ?? [], options),
      nitf: { ...head, title: optionalText(textOf(child(child(nitf, 'head'), 'title'))) },
    };
  }
  // XHTML (application/xhtml+xml, text/html): the children of `body` (§7).
  const html = elements(el).find((e) => e.name === 'html');
  const body = child(html, 'body') ?? elements(el).find((e) => e.name === 'body');
  if (body || html) return { html: renderXmlBody(body ? body.children : [], { ...options }) };
  return isBareXhtml(el) ? { html: renderXmlBody(el.children, { ...options }) } : {};
}

/** `contentSet`: the body from inlineXML or inlineData, renditions from remoteContent. */
export function readContentSet(contentSet: XmlElement | undefined, options: { headline?: string; embedHosts?: string[] }): ContentSet {
  const result: ContentSet = { renditions: [] };
  for (const el of elements(contentSet)) {
    if (el.name === 'remoteContent') {
      result.renditions.push(renditionOf(el));
      continue;
    }
    if (result.html !== undefined) continue;
    if (el.name === 'inlineXML') Object.assign(result, inlineXmlBody(el, options));
    else if (el.name === 'inlineData' && !el.children.some(isElement)) {
      const type = mediaType(el);
      const text = textOf(el);
      if (type === '' || type === 'text/plain') result.html = plainTextBody(text, options.embedHosts);
      else if (type === 'text/html' || type === 'application/xhtml+xml') result.html = htmlStringBody(text, options.embedHosts);
    }
  }
  return result;
}
