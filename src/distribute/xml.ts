import { escapeXml } from '../core/escape.js';

/**
 * A tiny XML writer that escapes every text and attribute value (core/escape.ts), so that no
 * feed or sitemap can be broken (or injected into) by a headline; characters that XML 1.0
 * forbids are dropped.
 */
export interface XmlNode {
  readonly xml: string;
}

export type XmlChild = XmlNode | string | number | undefined | null | false | XmlChild[];

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
