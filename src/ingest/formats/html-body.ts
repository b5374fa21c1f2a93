import { escapeHtmlAttribute, escapeHtmlText } from '../../core/escape.js';
import type { SanitizedHtml } from '../../core/story.js';
import { cleanText } from '../../core/text.js';
import {
  bodyAttributes,
  bodyBlockTags,
  bodyInlineTags,
  decodeSecondLevel,
  isHiddenElement,
  isNoiseImage,
  sanitizeBody,
} from '../sanitize.js';
import { attr, descendants, textOf, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * What an XML body element becomes in HTML: a tag name, `container` (a block wrapper whose
 * children stand on their own: div, section, NITF block), `unwrap` (an inline wrapper whose
 * text stays: span, NITF person/org/money…), `drop` (element and text go), or a function
 * for elements that need their own HTML (NITF media).
 */
export type BodyRule = string | 'container' | 'unwrap' | 'drop' | ((el: XmlElement, render: (nodes: XmlNode[]) => string) => string);

export interface BodyOptions {
  /** Per-format rules by lower-cased local name, on top of the XHTML defaults. */
  rules?: Record<string, BodyRule>;
  /** An `h1` with this text repeats the headline (TT's rich HTML): it is left out. */
  headline?: string;
  embedHosts?: string[];
}

// TT's rich HTML puts the vignette and the source in a `div.dat` line: metadata the item
// already carries, which would read as a stray paragraph ("LitteraturTT").
const dropClasses = /(^|\s)dat(\s|$)/;

/** A figure keeps its first picture and its caption; credits and wrappers inside it go. */
const renderFigure: BodyRule = (figure) => {
  const img = descendants(figure, 'img')[0];
  const caption = cleanText(textOf(descendants(figure, 'figcaption')[0]));
  if (!img) return '';
  return `<figure>${openTag('img', img)}${caption ? `<figcaption>${escapeHtmlText(caption)}</figcaption>` : ''}</figure>`;
};

const defaultRules: Record<string, BodyRule> = {
  h1: 'h2',
  h5: 'h4',
  h6: 'h4',
  tfoot: 'tbody',
  caption: 'p',
  dl: 'container',
  dt: 'p',
  dd: 'p',
  figure: renderFigure,
  figcaption: 'figcaption',
  html: 'container',
  body: 'container',
  article: 'container',
  section: 'container',
  main: 'container',
  div: 'container',
  center: 'container',
  span: 'unwrap',
  font: 'unwrap',
  // Page furniture and metadata that repeat the item's own fields or are not content.
  head: 'drop',
  header: 'drop',
  footer: 'drop',
  nav: 'drop',
  title: 'drop',
  script: 'drop',
  style: 'drop',
  noscript: 'drop',
  template: 'drop',
  form: 'drop',
  button: 'drop',
  object: 'drop',
  embed: 'drop',
  svg: 'drop',
  math: 'drop',
};

interface Part {
  html: string;
  isBlock: boolean;
}

/** Puts loose inline content between blocks into paragraphs: one `<p>` per run of text. */
function joinBlocks(parts: Part[]): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (textOfHtml(run) !== '' || /<(img|iframe)\b/.test(run)) out += `<p>${run.trim()}</p>`;
    run = '';
  };
  for (const part of parts) {
    if (part.isBlock) {
      flush();
      out += part.html;
    } else run += part.html;
  }
  flush();
  return out;
}

const textOfHtml = (html: string) => html.replace(/<[^>]*>/g, '').trim();

function openTag(tag: string, el: XmlElement): string {
  let html = `<${tag}`;
  for (const name of bodyAttributes[tag] ?? []) {
    const value = attr(el, name);
    if (value !== undefined && value.trim() !== '') html += ` ${name}="${escapeHtmlAttribute(value.trim())}"`;
  }
  return `${html}>`;
}

function createRenderer(options: BodyOptions) {
  const rules = { ...defaultRules, ...options.rules };
  const headline = options.headline === undefined ? undefined : cleanText(options.headline);

  const renderParts = (nodes: XmlNode[], inPre: boolean): Part[] => {
    const parts: Part[] = [];
    for (const node of nodes) {
      if (typeof node === 'string') {
        parts.push({ html: escapeHtmlText(inPre ? node : node.replace(/\s+/g, ' ')), isBlock: false });
        continue;
      }
      const name = node.name.toLowerCase();
      const rule: BodyRule = rules[name] ?? (bodyBlockTags.has(name) || bodyInlineTags.has(name) ? name : 'unwrap');
      if (rule === 'drop' || dropClasses.test(attr(node, 'class') ?? '') || isHiddenElement(node.attrs)) continue;
      // Tracking pixels, hidden and zero-size images: judged here, since only width and height reach the sanitiser.
      if (name === 'img' && isNoiseImage(node.attrs)) continue;
      if (name === 'h1' && headline !== undefined && cleanText(textOf(node)) === headline) continue;
      if (typeof rule === 'function') {
        const html = rule(node, (children) => joinBlocks(renderParts(children, false)));
        if (html) parts.push({ html, isBlock: true });
      } else if (rule === 'container') parts.push({ html: joinBlocks(renderParts(node.children, inPre)), isBlock: true });
      // A loop, not push(...): an unknown wrapper of 200,000 paragraphs overflowed the call stack as arguments.
      else if (rule === 'unwrap') for (const part of renderParts(node.children, inPre)) parts.push(part);
      else if (rule === 'br' || rule === 'img' || rule === 'hr') parts.push({ html: openTag(rule, node), isBlock: rule === 'hr' });
      else {
        const isBlock = !bodyInlineTags.has(rule);
        const content = renderParts(node.children, inPre || rule === 'pre');
        // Indentation between the items of a list or the rows of a table is not content.
        const hasBlocks = content.some((p) => p.isBlock);
        const inner = content
          .filter((p) => !hasBlocks || p.isBlock || p.html.trim() !== '')
          .map((p) => p.html)
          .join('');
        parts.push({ html: `${openTag(rule, node)}${isBlock && rule !== 'pre' ? inner.trim() : inner}</${rule}>`, isBlock });
      }
    }
    return parts;
  };
  return (nodes: XmlNode[]) => joinBlocks(renderParts(nodes, false));
}

/**
 * Sanitised HTML, or undefined when nothing readable is left (a kill, a comment-only body).
 * NFC comes first: after sanitising it could join a tag's `>` with a combining U+0338.
 */
export function finishBody(html: string, embedHosts?: string[]): SanitizedHtml | undefined {
  const clean = sanitizeBody(decodeSecondLevel(html).normalize('NFC'), { embedHosts });
  return textOfHtml(clean) === '' && !/<(img|iframe)\b/.test(clean) ? undefined : clean;
}

/** An XML body (XHTML, NITF body.content, NewsML 1.x DataContent) as a sanitised HTML fragment. */
export function renderXmlBody(nodes: XmlNode[], options: BodyOptions = {}): string | undefined {
  return finishBody(createRenderer(options)(nodes), options.embedHosts);
}

const looksLikeHtml = /<\/?(p|br|div|span|b|i|em|strong|a|ul|ol|li|h[1-6]|blockquote|table)\b[^>]*>/i;

/** Plain text: one paragraph per blank-line block. Markup sent as text/plain is read as HTML. */
export function plainTextBody(text: string, embedHosts?: string[]): string | undefined {
  if (looksLikeHtml.test(text)) return htmlStringBody(text, embedHosts);
  const paragraphs = text
    .split(/\n[ \t\r\f\v\u00a0]*\n/)
    .map((p) => cleanText(p))
    .filter((p) => p !== '');
  return finishBody(paragraphs.map((p) => `<p>${escapeHtmlText(p)}</p>`).join(''), embedHosts);
}

/** An HTML document or fragment delivered as a string (CDATA, inlineData text/html). */
export function htmlStringBody(html: string, embedHosts?: string[]): string | undefined {
  // Inline text between blocks would lose its paragraph: wrap only when there is no block at all.
  const hasBlocks = /<(p|div|h[1-6]|ul|ol|table|blockquote|pre)\b/i.test(html);
  const source = hasBlocks
    ? html
    : html
        .split(/\n\s*\n|<br\s*\/?>\s*<br\s*\/?>/i)
        .map((p) => `<p>${p}</p>`)
        .join('');
  return finishBody(source.replace(/\s+/g, ' '), embedHosts);
}
