import { escapeHtmlText } from '../../core/escape.js';
import { cleanText, decodeEntities } from '../../core/text.js';
import { decodeSecondLevel, isHiddenElement, type SanitizeOptions, sanitizeBody } from '../sanitize.js';

// A private-use character marks where a container (div, section…) began or ended: the
// sanitiser drops those tags but keeps text, so the mark survives and still tells
// ensureParagraphs where one run of bare text stops and the next begins.
const split = '\uE000';
const splitAll = /\uE000/g;
const containerTag = /<\/?(?:div|section|article|header|footer|main|aside|nav|center|address|body|html|dl|dt|dd)\b[^>]*>/gi;

const blockTags = new Set('p h2 h3 h4 ul ol li blockquote pre hr table thead tbody tr th td figure figcaption iframe'.split(' '));
const voidTags = new Set(['br', 'hr', 'img', 'wbr']);
// A tag of well-formed (sanitised) HTML, quoted attribute values included.
const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const blockInside = /<(?:p|h[2-4]|ul|ol|blockquote|pre|table|figure)\b/i;
const breakAt = /<br\s*\/?>/y;

/** Trims white space, `&nbsp;` and `<br>` from both ends, by hand: an end-anchored regex is quadratic. */
function trimBreaks(run: string): string {
  let start = 0;
  let end = run.length;
  for (;;) {
    breakAt.lastIndex = start;
    if (/\s/.test(run[start] ?? '')) start++;
    else if (run.startsWith('&nbsp;', start)) start += 6;
    else if (breakAt.test(run)) start = breakAt.lastIndex;
    else break;
  }
  for (;;) {
    const open = run.lastIndexOf('<', end - 1);
    if (end > start && /\s/.test(run[end - 1] ?? '')) end--;
    else if (end - 6 >= start && run.endsWith('&nbsp;', end)) end -= 6;
    else if (run[end - 1] === '>' && open >= start && /^<br\s*\/?>$/i.test(run.slice(open, end))) end = open;
    else break;
  }
  return run.slice(start, end);
}

function paragraphOf(run: string): string {
  const inner = trimBreaks(run);
  const text = decodeEntities(inner.replace(/<[^>]*>/g, '')).replace(/\s/g, '');
  if (text === '' && !/<img\b/i.test(inner)) return '';
  // A block inside an inline element (`<a><p>…</p></a>`) already is a paragraph.
  return blockInside.test(inner) ? inner : `<p>${inner}</p>`;
}

function flush(run: string): string {
  return run.split(split).map(paragraphOf).join('');
}

/** Where the `<br>` that ends `run` (before blanks and `&nbsp;`) starts, or -1. */
function trailingBreak(run: string): number {
  let end = run.length;
  for (;;) {
    if (/\s/.test(run[end - 1] ?? '')) end--;
    else if (run.endsWith('&nbsp;', end)) end -= 6;
    else break;
  }
  const open = run.lastIndexOf('<', end - 1);
  return run[end - 1] === '>' && open >= 0 && /^<br\s*\/?>$/i.test(run.slice(open, end)) ? open : -1;
}

/**
 * Wraps bare top-level text and inline elements of a well-formed HTML fragment into `<p>`
 * paragraphs (INGEST-CONTRACT §7: one `<p>` per paragraph), leaving block elements alone.
 * Feeds, WordPress and ninjs 1.x `body_xhtml` often send text with no paragraph at all.
 */
export function ensureParagraphs(html: string): string {
  let out = '';
  let run = '';
  let depth = 0; // > 0 inside a top-level block element, which is copied as it is
  let inline = 0; // inline elements open in the current run: no paragraph ends inside them
  let last = 0;
  let blockStart = 0;
  const addText = (text: string) => {
    run += inline > 0 ? text.replace(splitAll, ' ') : text;
  };
  for (const m of html.matchAll(token)) {
    const [whole, closing, rawName = '', , selfClosing] = m;
    const name = rawName.toLowerCase();
    const at = m.index ?? 0;
    const isVoid = voidTags.has(name) || selfClosing === '/';
    if (depth > 0) {
      if (!isVoid) depth += closing ? -1 : 1;
      if (depth === 0) out += html.slice(blockStart, at + whole.length).replace(splitAll, ' ');
      last = at + whole.length;
      continue;
    }
    addText(html.slice(last, at));
    last = at + whole.length;
    if (!closing && inline === 0 && blockTags.has(name)) {
      out += flush(run);
      run = '';
      if (isVoid) out += whole;
      else {
        depth = 1;
        blockStart = at;
      }
      continue;
    }
    // Two line breaks in a row end a paragraph in hand-made HTML, as a blank line does in
    // text; only outside inline elements, so that no paragraph cuts an element in two.
    const previousBreak = name === 'br' && inline === 0 ? trailingBreak(run) : -1;
    if (previousBreak >= 0) run = run.slice(0, previousBreak) + split;
    else {
      if (!isVoid) inline = Math.max(0, inline + (closing ? -1 : 1));
      run += whole;
    }
  }
  if (depth > 0) out += html.slice(blockStart).replace(splitAll, ' ');
  else addText(html.slice(last));
  return out + flush(run);
}

const noiseHint = /display\s*:\s*none|visibility\s*:\s*hidden|\shidden[\s=>/]|class\s*=\s*["'](?:[^"']*\s)?dat[\s"']/i;
const containerOpen = /<(div|section|article|aside|header|footer|nav|center)\b([^>]*)>/gi;

/**
 * Takes out hidden containers (`display:none`, `hidden`) and TT's `div.dat` label line with
 * their content, before containers become paragraph marks and their attributes are lost.
 */
function dropNoiseContainers(html: string): string {
  if (!noiseHint.test(html)) return html;
  let out = '';
  let from = 0;
  containerOpen.lastIndex = 0;
  for (let m = containerOpen.exec(html); m; m = containerOpen.exec(html)) {
    const attrs = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map((a) => [
        a[1]!.toLowerCase(),
        a[2] ?? a[3] ?? a[4] ?? '',
      ]),
    );
    const isLabel = m[1]!.toLowerCase() === 'div' && /(?:^|\s)dat(?:\s|$)/.test(attrs.class ?? '');
    if (!isLabel && !isHiddenElement(attrs)) continue;
    // The end of this element: the close tag that balances its name.
    const tag = new RegExp(`<(/?)${m[1]}\\b[^>]*>`, 'gi');
    tag.lastIndex = m.index + m[0].length;
    let depth = 1;
    let end = html.length;
    for (let t = tag.exec(html); t; t = tag.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    out += html.slice(from, m.index);
    from = end;
    containerOpen.lastIndex = end;
  }
  return out + html.slice(from);
}

/** Sanitises outside HTML (through the allowlist) and gives it paragraphs: the body of an item. */
export function htmlBody(html: string, options: SanitizeOptions = {}): string {
  const marked = dropNoiseContainers(decodeSecondLevel(html)).replace(splitAll, '').replace(containerTag, split);
  return ensureParagraphs(sanitizeBody(marked, options));
}

/** Plain text as HTML: one paragraph per blank-line block, escaped, never turned into markup. */
export function textBody(text: string, options: { lineBreaks?: boolean } = {}): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((block) =>
      options.lineBreaks
        ? block
            .split('\n')
            .map((line) => escapeHtmlText(cleanText(line)))
            .filter(Boolean)
            .join('<br />')
        : escapeHtmlText(cleanText(block)),
    )
    .filter((p) => p !== '')
    .map((p) => `<p>${p}</p>`)
    .join('');
}

/** The plain text of a title or summary that may carry markup or entities (INGEST-CONTRACT §6). */
export function plainText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const withoutTags = value.includes('<')
    ? value.replace(/<(?:br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, ' ').replace(/<\/?[a-zA-Z][^>]*>/g, '')
    : value;
  // A second level of escaping (`&amp;#243;`) is decoded too (INGEST-CONTRACT §7), markup escapes excepted.
  const text = cleanText(withoutTags.includes('&') ? decodeEntities(decodeSecondLevel(withoutTags)) : withoutTags);
  return text === '' ? undefined : text;
}
