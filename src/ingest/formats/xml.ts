import { SaxesParser } from 'saxes';
import { LedeError } from '../../core/errors.js';
import { fileTooLarge } from '../files.js';
import { decodeXmlBytes } from './xml-encoding.js';
import { isElement, type XmlElement } from './xml-tree.js';

/** Per-file limit unless the caller sets one (INGEST-CONTRACT: size limits per file). */
export const defaultMaxXmlBytes = 20 * 1024 * 1024;

export interface LoadXmlOptions {
  filename: string;
  maxBytes?: number;
}

// The parser decodes only XML's five entities and character references: a DTD cannot define
// any (refuseEntities blanks it first), so a document cannot expand or fetch anything.

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

/**
 * Safe XML loading shared by every XML format: size limit, encoding from the BOM then the
 * declaration, no entity declarations, no DTD, then the element tree with text in document
 * order (bodies need mixed content). Throws only LedeError.
 */
export function loadXml(bytes: Buffer, options: LoadXmlOptions): XmlElement {
  const file = options.filename;
  const maxBytes = options.maxBytes ?? defaultMaxXmlBytes;
  if (bytes.length > maxBytes) throw fileTooLarge(file, bytes.length, maxBytes);
  return buildTree(withoutLoneSurrogates(refuseEntities(decodeXmlBytes(bytes, file), file)), file);
}

// A lone surrogate is no character: the parser would read it and the next one as a pair.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const withoutLoneSurrogates = (text: string) => (/[\uD800-\uDFFF]/.test(text) ? text.replace(loneSurrogate, '\uFFFD') : text);

/**
 * One pass of saxes, a strict (well-formedness checking) streaming parser, building the tree
 * as it reads (the control characters XML forbids were dropped when the bytes were decoded).
 * The first fault stops the parse, with its line.
 */
function buildTree(text: string, file: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const document: XmlElement = { name: '', qname: '', attrs: {}, children: [] };
  const open: XmlElement[] = [document];
  const pushText = (value: string) => {
    const children = open[open.length - 1]!.children;
    const last = children.length - 1;
    if (typeof children[last] === 'string') children[last] += value;
    else if (value !== '') children.push(value);
  };
  parser.on('text', (value) => {
    if (open.length > 1) pushText(value);
  });
  parser.on('cdata', pushText);
  parser.on('opentag', (tag) => {
    const colon = tag.name.indexOf(':');
    const element: XmlElement = {
      name: colon < 0 ? tag.name : tag.name.slice(colon + 1),
      qname: tag.name,
      attrs: tag.attributes as Record<string, string>,
      children: [],
    };
    open[open.length - 1]!.children.push(element);
    open.push(element);
  });
  let closed: XmlElement | undefined;
  parser.on('closetag', () => {
    closed = open.pop();
  });
  parser.on('error', (error) => {
    const reason = error.message.replace(/^\d+:\d+: /, '');
    throw parseError(file, describeFault(reason, { parser, text, open, closed }), parser.line);
  });
  parser.write(text).close();
  // The parser refuses a document with no root or a second one, and text outside it is not kept.
  const root = document.children.find(isElement);
  if (!root) throw parseError(file, 'no root element');
  return root;
}

/** The parser's reason in the words of our other errors, naming the entity or elements at fault. */
function describeFault(
  reason: string,
  at: { parser: SaxesParser; text: string; open: XmlElement[]; closed: XmlElement | undefined },
): string {
  const { parser, text, open } = at;
  if (reason.startsWith('unclosed tag:')) {
    const list = open
      .slice(1)
      .map((e) => `<${e.qname}>`)
      .join(', ');
    return `the file ends before ${list} ${open.length > 2 ? 'are' : 'is'} closed (truncated?)`;
  }
  if (reason === 'unexpected close tag.') {
    // The parser stands just past the close tag it could not match with the innermost element.
    const name = /^<\/([^\s>]+)/.exec(text.slice(text.lastIndexOf('</', parser.position - 1)))?.[1];
    const isOpen = open.some((e) => e.qname === name);
    return isOpen ? `<${at.closed?.qname}> is not closed before </${name}>` : `unmatched closing tag: ${name}`;
  }
  if (reason === 'documents may contain only one root.') return 'more than one root element';
  if (reason === 'undefined entity.' || reason === 'malformed character entity.') {
    // The reference just read ends where the parser stands.
    const end = text.lastIndexOf(';', parser.position);
    const start = text.lastIndexOf('&', end);
    const whole = start >= 0 ? text.slice(start, end + 1) : '';
    return reason === 'undefined entity.'
      ? `entity "${whole}" is not defined (XML knows only &lt; &gt; &amp; &quot; &apos;)`
      : `"${whole}" is not a character`;
  }
  return reason.replace(/\.$/, '');
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
