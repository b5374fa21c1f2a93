/** An XML element with its children in document order; `name` is the local name (no prefix). */
export interface XmlElement {
  name: string;
  qname: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlNode[];
}

/** Text (entities already decoded) or an element. */
export type XmlNode = XmlElement | string;

export const isElement = (node: XmlNode | undefined): node is XmlElement => typeof node === 'object' && node !== null;

/** Child elements, all or those with one of the local `names`. */
export function elements(parent: XmlElement | undefined, ...names: string[]): XmlElement[] {
  if (!parent) return [];
  return parent.children.filter((n): n is XmlElement => isElement(n) && (names.length === 0 || names.includes(n.name)));
}

export function child(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return parent?.children.find((n): n is XmlElement => isElement(n) && n.name === name);
}

/** Follows a path of local names, first match at each step: `path(item, 'itemMeta', 'pubStatus')`. */
export function path(parent: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = parent;
  for (const name of names) current = child(current, name);
  return current;
}

/** Every descendant element with the local name, in document order. */
export function descendants(parent: XmlElement | undefined, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const n of el.children) {
      if (!isElement(n)) continue;
      if (n.name === name) found.push(n);
      walk(n);
    }
  };
  if (parent) walk(parent);
  return found;
}

/** The text content of an element and its descendants, as delivered (not cleaned). */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  let text = '';
  for (const n of node.children) text += textOf(n);
  return text;
}

/** An attribute by qualified name (`xml:lang`) or by local name, whatever its prefix. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const exact = el.attrs[name];
  if (exact !== undefined) return exact;
  if (name.includes(':')) return undefined;
  for (const key of Object.keys(el.attrs)) {
    if (key.endsWith(`:${name}`) && !key.startsWith('xmlns')) return el.attrs[key];
  }
  return undefined;
}
