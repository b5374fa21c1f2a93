import type { NinjsConcept, NinjsText } from '../../../core/ninjs.js';
import { compact, mintUri } from '../normalize.js';
import { htmlBody, plainText, textBody } from '../paragraphs.js';
import type { ParseContext } from '../types.js';
import { attr, textIn, type XmlElement } from './feed-xml.js';

/** The first bytes as text, for detection: enough to pass the comments WordPress puts first. */
export function headOf(bytes: Buffer): string {
  const head = bytes.subarray(0, 8192);
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  return head.toString('latin1');
}

/**
 * Whether the first bytes could hold one of these tags: a native byte search that lets
 * `detect` skip the root sniffing for the agency files that make most of the traffic.
 * UTF-16 text cannot be searched for ASCII bytes, so it always may.
 */
export function mayMention(bytes: Buffer, ...needles: string[]): boolean {
  const head = bytes.subarray(0, 8192);
  if (head[0] === 0xff || head[0] === 0xfe || head[0] === 0 || head[1] === 0) return true;
  return needles.some((needle) => head.includes(needle));
}

/**
 * The identifier for an entry that has none (INGEST-CONTRACT §3): a hash of what it holds,
 * so that reading the same feed again gives the same uri.
 */
export function mintEntryUri(format: string, entry: XmlElement): string {
  return mintUri(format, JSON.stringify(entry));
}

const looksLikeHtml = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^>]*)?\/?>/;

/** The main body of a feed entry: HTML sanitised with paragraphs, or bare text paragraphed. */
export function bodiesOf(value: string | undefined, context: ParseContext): NinjsText[] {
  if (value === undefined || value.trim() === '') return [];
  const html = looksLikeHtml.test(value) ? htmlBody(value, { embedHosts: context.embedHosts }) : textBody(value);
  return html === '' ? [] : [{ role: 'main', contenttype: 'text/html', value: html }];
}

/** RSS `category` / Atom `category` as literal-only subjects (INGEST-CONTRACT §8). */
export function categorySubjects(nodes: XmlElement[]): NinjsConcept[] {
  const seen = new Set<string>();
  return nodes.flatMap((node) => {
    const literal = plainText(attr(node, 'term') ?? textIn(node));
    if (!literal || seen.has(literal)) return [];
    seen.add(literal);
    return [compact({ literal, name: plainText(attr(node, 'label')) ?? literal })];
  });
}

/** The first non-empty plain text among several elements or attribute values. */
export function firstText(...values: Array<XmlElement | string | undefined>): string | undefined {
  for (const value of values) {
    const text = plainText(typeof value === 'string' ? value : textIn(value));
    if (text) return text;
  }
  return undefined;
}
