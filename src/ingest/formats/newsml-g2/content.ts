import type { NinjsRendition } from '../../../core/ninjs.js';
import { htmlStringBody, plainTextBody } from '../html-body.js';
import { inlineXmlBody, mediaType } from '../inline-xml-body.js';
import type { NitfHead } from '../nitf/read.js';
import { compact, optionalText } from '../normalize.js';
import { attr, elements, isElement, textOf, type XmlElement } from '../xml-tree.js';
import { codeOf } from './meta.js';

export interface ContentSet {
  /** The main body, sanitised HTML: the first rendition of the content that has text. */
  html?: string;
  /** The body.head of an inline NITF body: headline, byline and dateline when contentMeta lacks them. */
  nitf?: NitfHead & { title?: string };
  renditions: NinjsRendition[];
  /** Why a body that has text could not be read (an unknown vocabulary, content type or markup), for the warning. */
  unreadable?: string;
}

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

/** `contentSet`: the body from inlineXML or inlineData, renditions from remoteContent. */
export function readContentSet(contentSet: XmlElement | undefined, options: { headline?: string; embedHosts?: string[] }): ContentSet {
  const result: ContentSet = { renditions: [] };
  for (const el of elements(contentSet)) {
    if (el.name === 'remoteContent') {
      result.renditions.push(renditionOf(el));
      continue;
    }
    if (result.html !== undefined) continue;
    if (el.name === 'inlineXML') {
      const body = inlineXmlBody(el, options);
      result.html = body.html;
      if (body.nitf) result.nitf = body.nitf;
      if (body.html === undefined) result.unreadable ??= body.unreadable;
    } else if (el.name === 'inlineData' && !el.children.some(isElement)) {
      const type = mediaType(el);
      const text = textOf(el);
      if (type === '' || type === 'text/plain') result.html = plainTextBody(text, options.embedHosts);
      else if (type === 'text/html' || type === 'application/xhtml+xml') result.html = htmlStringBody(text, options.embedHosts);
      else if (text.trim() !== '') result.unreadable ??= `inlineData ${type} is not a text format Lede reads`;
    }
  }
  if (result.html !== undefined) delete result.unreadable;
  return result;
}
