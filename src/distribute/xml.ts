/**
 * A tiny XML writer that escapes every text and attribute value, so that no feed or sitemap
 * can be broken (or injected into) by a headline. Characters that XML 1.0 forbids (§2.2:
 * C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) are dropped.
 */
export interface XmlNode {
  readonly xml: string;
}

export type XmlChild = XmlNode | string | number | undefined | null | false | XmlChild[];

const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(forbidden, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function renderChildren(children: XmlChild[]): string {
  let out = '';
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) out += renderChildren(child);
    else if (typeof child === 'object') out += child.xml;
    else out += escapeXml(String(child));
  }
  return out;
}

/** `<name attr="…">children</name>`; undefined attributes are left out, no children gives `<name/>`. */
export function el(name: string, attrs: Record<string, string | number | undefined> = {}, ...children: XmlChild[]): XmlNode {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) open += ` ${key}="${escapeXml(String(value))}"`;
  }
  const inner = renderChildren(children);
  return { xml: inner === '' ? `${open}/>` : `${open}>${inner}</${name}>` };
}

/** An element holding only text (escaped); left out entirely when the text is empty. */
export function textEl(name: string, text: string | undefined, attrs: Record<string, string | undefined> = {}): XmlNode | undefined {
  return text === undefined || text === '' ? undefined : el(name, attrs, text);
}

export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}\n`;
}
