import { isLedeError } from '../../../core/errors.js';
import type { ParseContext } from '../types.js';
import { loadXml } from '../xml.js';
import { attr, isElement, textOf, type XmlElement } from '../xml-tree.js';

export type { XmlElement } from '../xml-tree.js';

const declaresEncoding = /^\s*<\?xml\s[^>]*?\bencoding\s*=/;
const hasBom = (b: Buffer) => (b[0] === 0xef && b[1] === 0xbb) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/**
 * A feed through the shared safe XML loader (no entities, no DTD, size limit). Web feeds,
 * unlike agency files, often come as Latin-1 with neither BOM nor declaration (UOL): when
 * such bytes are not UTF-8 they are read as Windows-1252, what browsers do with them, rather
 * than rejected. A declared encoding is always obeyed, and its errors stay errors.
 */
export function loadFeed(bytes: Buffer, context: ParseContext): XmlElement {
  const options = { filename: context.filename, maxBytes: context.maxBytes };
  try {
    return loadXml(bytes, options);
  } catch (error) {
    const undeclared = !hasBom(bytes) && !declaresEncoding.test(bytes.subarray(0, 256).toString('latin1'));
    if (!isLedeError(error, 'LEDE_INGEST_ENCODING') || !undeclared) throw error;
    const text = new TextDecoder('windows-1252').decode(bytes);
    return loadXml(Buffer.from(text, 'utf8'), options);
  }
}

/** Child elements by qualified name as written (`dc:creator`, `media:content`, `item`). */
export function kids(parent: XmlElement | undefined, ...qnames: string[]): XmlElement[] {
  if (!parent) return [];
  return parent.children.filter((n): n is XmlElement => isElement(n) && qnames.includes(n.qname));
}

export function kid(parent: XmlElement | undefined, ...qnames: string[]): XmlElement | undefined {
  return kids(parent, ...qnames)[0];
}

/** The text of an element, or undefined when it is absent. */
export function textIn(el: XmlElement | undefined): string | undefined {
  return el ? textOf(el) : undefined;
}

export { attr };
