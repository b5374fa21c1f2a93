import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LedeError } from '../../core/errors.js';
import { fileTooLarge } from '../files.js';
import { decodeXmlBytes } from './xml-encoding.js';
import type { XmlElement, XmlNode } from './xml-tree.js';

/** Per-file limit unless the caller sets one (INGEST-CONTRACT: size limits per file). */
export const defaultMaxXmlBytes = 20 * 1024 * 1024;

export interface LoadXmlOptions {
  filename: string;
  maxBytes?: number;
}

// Entities are decoded by us (the five of XML 1.0 §4.6 and character references), never by
// the parser: a DTD cannot define any, so a document cannot expand or fetch anything.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const lineAt = (text: string, index: number) => (index < 0 ? undefined : text.slice(0, index).split('\n').length);

function parseError(file: string, reason: string, line?: number, cause?: unknown): LedeError {
  return new LedeError('LEDE_INGEST_PARSE', `${file}: not well-formed XML${line ? ` at line ${line}` : ''}: ${reason}`, {
    details: { file, ...(line ? { line } : {}) },
    cause,
  });
}

function entityRefused(file: string, text: string, index: number): LedeError {
  const line = lineAt(text, index);
  return new LedeError('LEDE_INGEST_XML_ENTITY', `${file}: declares an XML entity at line ${line}; entity declarations are refused`, {
    details: { file, line },
    help: 'send the document without a DTD internal subset; only &lt; &gt; &amp; &quot; &apos; and &#…; references are read',
  });
}

// A parameter entity that only points at an external DTD (`<!ENTITY % nitf SYSTEM "nitf-3-0.dtd">`),
// as real NewsML 1.x headers declare it, and the reference that would pull that DTD in.
const externalParameterEntity =
  /^<!ENTITY\s+%\s+([\w.:-]+)\s+(?:SYSTEM\s*("[^"]*"|'[^']*')|PUBLIC\s*("[^"]*"|'[^']*')\s*("[^"]*"|'[^']*'))\s*>/i;
const parameterReference = /^%([\w.:-]+);/;

/**
 * The entity declarations of a DOCTYPE's internal subset (from `from` to `to` in `text`): a
 * parameter entity that only names an external DTD, and its `%name;` reference, pass
 * (INGEST-CONTRACT §1: nothing is fetched or expanded, the DOCTYPE is blanked); any other entity
 * declaration (general entities: billion laughs, XXE) is refused with its line.
 */
function checkInternalSubset(text: string, from: number, to: number, file: string): void {
  const external = new Set<string>();
  const scan = /<!--[\s\S]*?-->|<!ENTITY|%[\w.:-]+;/gi;
  scan.lastIndex = from;
  for (let m = scan.exec(text); m && m.index < to; m = scan.exec(text)) {
    if (m[0].startsWith('<!--')) continue;
    if (m[0][0] === '%') {
      const name = parameterReference.exec(m[0])?.[1];
      if (name === undefined || !external.has(name)) throw entityRefused(file, text, m.index);
      continue;
    }
    const declaration = externalParameterEntity.exec(text.slice(m.index, to));
    if (!declaration) throw entityRefused(file, text, m.index);
    external.add(declaration[1]!);
    scan.lastIndex = m.index + declaration[0].length;
  }
}

/**
 * Refuses every entity declaration (billion laughs, XXE), wherever it is, outside comments and
 * CDATA, but a parameter entity in the DOCTYPE that only points at an external DTD; then blanks
 * the DOCTYPE so that `<!DOCTYPE nitf SYSTEM "nitf.dtd">` is ignored (never fetched, never
 * expanded). Blanking keeps the newlines, so later error lines stay right.
 */
function refuseEntities(text: string, file: string): string {
  let blanked = text;
  const start = text.search(/<!DOCTYPE/i);
  if (start >= 0) {
    let end = start + 9;
    let quote = '';
    let depth = 0;
    let subset = -1;
    for (; end < text.length; end++) {
      const c = text[end];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') {
        if (subset < 0) subset = end + 1;
        depth++;
      } else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) break;
    }
    if (end >= text.length) throw parseError(file, 'the DOCTYPE declaration is not closed', lineAt(text, start));
    if (subset >= 0) checkInternalSubset(text, subset, end, file);
    blanked = text.slice(0, start) + text.slice(start, end + 1).replace(/[^\n]/g, ' ') + text.slice(end + 1);
  }
  const scan = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<!ENTITY/gi;
  for (let m = scan.exec(blanked); m; m = scan.exec(blanked)) {
    if (m[0].toUpperCase() === '<!ENTITY') throw entityRefused(file, text, m.index);
  }
  return blanked;
}

function decodeReferences(value: string, file: string, source: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[^;&\s]*);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff))) {
        return String.fromCodePoint(code);
      }
      throw parseError(file, `"${whole}" is not a character`, lineAt(source, source.indexOf(whole)));
    }
    const known = predefined[ref];
    if (known !== undefined) return known;
    throw parseError(
      file,
      `entity "${whole}" is not defined (XML knows only &lt; &gt; &amp; &quot; &apos;)`,
      lineAt(source, source.indexOf(whole)),
    );
  });
}

type Ordered = Record<string, unknown>;

function toNodes(list: unknown, file: string, source: string): XmlNode[] {
  const nodes: XmlNode[] = [];
  const pushText = (text: string) => {
    const last = nodes[nodes.length - 1];
    if (typeof last === 'string') nodes[nodes.length - 1] = last + text;
    else if (text !== '') nodes.push(text);
  };
  for (const entry of Array.isArray(list) ? (list as Ordered[]) : []) {
    for (const key of Object.keys(entry)) {
      const value = entry[key];
      if (key === ':@') continue;
      if (key === '#text') pushText(decodeReferences(String(value), file, source));
      else if (key === '#cdata') {
        // CDATA is text as it stands: no reference in it is decoded.
        for (const part of Array.isArray(value) ? (value as Ordered[]) : []) pushText(String(part['#text'] ?? ''));
      } else {
        const attrs: Record<string, string> = {};
        const raw = (entry[':@'] ?? {}) as Record<string, unknown>;
        for (const name of Object.keys(raw)) attrs[name] = decodeReferences(String(raw[name]), file, source);
        const colon = key.indexOf(':');
        nodes.push({ name: colon < 0 ? key : key.slice(colon + 1), qname: key, attrs, children: toNodes(value, file, source) });
      }
    }
  }
  return nodes;
}

/**
 * Safe XML loading shared by every XML format: size limit, encoding from the BOM then the
 * declaration, no entity declarations, no DTD, then the element tree with text in document
 * order (bodies need mixed content). Throws only LedeError.
 */
export function loadXml(bytes: Buffer, options: LoadXmlOptions): XmlElement {
  const file = options.filename;
  const maxBytes = options.maxBytes ?? defaultMaxXmlBytes;
  if (bytes.length > maxBytes) throw fileTooLarge(file, bytes.length, maxBytes);
  const text = refuseEntities(decodeXmlBytes(bytes, file), file);
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    // The validator reports a file that stops before its end as "Invalid '[…open tags…]' found" at line 1.
    const open = /^Invalid '\[(.*)\]' found/s.exec(verdict.err.msg)?.[1];
    if (open === undefined) throw parseError(file, verdict.err.msg, verdict.err.line);
    const tags = [...open.matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`).join(', ');
    throw parseError(
      file,
      `the file ends before ${tags} ${tags.includes(',') ? 'are' : 'is'} closed (truncated?)`,
      lineAt(text, text.length),
    );
  }
  let ordered: unknown;
  try {
    ordered = parser.parse(text);
  } catch (error) {
    throw parseError(file, error instanceof Error ? error.message : String(error), undefined, error);
  }
  const roots = toNodes(ordered, file, text).filter((n): n is XmlElement => typeof n !== 'string');
  if (roots.length !== 1) throw parseError(file, roots.length === 0 ? 'no root element' : 'more than one root element');
  return roots[0]!;
}

/**
 * The local name of the root element, read from the first bytes only: what `detect` needs.
 * Skips the declaration, comments, processing instructions and the DOCTYPE.
 */
export function sniffXmlRoot(bytes: Buffer): string | undefined {
  let head: string;
  const b = bytes;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00)) head = b.subarray(0, 8192).toString('utf16le');
  else if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c))
    head = Buffer.from(b.subarray(0, Math.min(8192, b.length & ~1)))
      .swap16()
      .toString('utf16le');
  else head = b.subarray(0, 8192).toString('latin1');
  const rest = head
    .replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, '')
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<\?[\s\S]*?(\?>|$)/g, '')
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i, '')
    .trimStart();
  const m = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  return m?.[1];
}
