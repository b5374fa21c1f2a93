import sanitizeHtml from 'sanitize-html';
import type { SanitizedHtml } from '../core/story.js';

export interface SanitizeOptions {
  /** Hosts whose iframes (video, maps, social embeds) may stay in a body. */
  embedHosts?: string[];
}

/** The body allowlist of INGEST-CONTRACT §7, split as the XML body renderers need it. */
export const bodyBlockTags: ReadonlySet<string> = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
/** `iframe` stays only from the configured embed hosts. */
export const bodyInlineTags: ReadonlySet<string> = new Set(['a', 'b', 'strong', 'em', 'i', 'u', 'sub', 'sup', 'br', 'img', 'iframe']);
export const bodyAttributes: Readonly<Record<string, string[]>> = {
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
};

const allowedTags = [...bodyBlockTags, ...[...bodyInlineTags].filter((t) => t !== 'iframe'), 'figure', 'figcaption'];

// Styles that hide an element, or make it take no room: hidden ads and tracking pixels. They are
// read before the allowlist strips `style`, which would make them visible (and fetched).
const hiddenStyle = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
const zeroSizeStyle = /(?:^|;)\s*(?:width|height|max-width|max-height)\s*:\s*0(?:px|em|rem|%)?\s*(?:;|$|!)/i;
const pixelStyle = (style: string) =>
  /(?:^|;)\s*width\s*:\s*[01](?:px)?\s*(?:;|$|!)/i.test(style) && /(?:^|;)\s*height\s*:\s*[01](?:px)?\s*(?:;|$|!)/i.test(style);
// Hosts and paths that serve nothing but counting pixels in feeds and exports.
const trackerSource =
  /^(?:https?:)?\/\/(?:[^/]*\.)?(?:feeds\.feedburner\.com\/~r\/|feedsportal\.com\/|pixel\.wp\.com\/|stats\.wp\.com\/|[^/]*doubleclick\.net\/|[^/]*google-analytics\.com\/|pixel\.quantserve\.com\/|[^/]*scorecardresearch\.com\/)/i;

/** Whether an element (by its original attributes) is hidden: `display:none`, `visibility:hidden`, `hidden`. */
export function isHiddenElement(attrs: Readonly<Record<string, string | undefined>>): boolean {
  return attrs.hidden !== undefined || hiddenStyle.test(attrs.style ?? '');
}

const sizeOf = (value: string | undefined) =>
  value !== undefined && /^\s*\d+(?:px)?\s*$/i.test(value) ? Number.parseInt(value, 10) : undefined;

/**
 * Whether an image is noise rather than a picture (issue 10): no source, hidden, zero-size, a
 * 1×1 tracking pixel, or from a known counter.
 */
export function isNoiseImage(attrs: Readonly<Record<string, string | undefined>>): boolean {
  const src = attrs.src?.trim() ?? '';
  if (src === '' || trackerSource.test(src)) return true;
  const style = attrs.style ?? '';
  if (isHiddenElement(attrs) || zeroSizeStyle.test(style) || pixelStyle(style)) return true;
  const [width, height] = [sizeOf(attrs.width), sizeOf(attrs.height)];
  return width === 0 || height === 0 || (width !== undefined && height !== undefined && width <= 1 && height <= 1);
}

const dropMark = 'lede-drop';
// The attributes of a marked element: exclusiveFilter knows it by this very object (a frame keeps its original tag name).
const dropAttribs: sanitizeHtml.Attributes = Object.freeze({}) as sanitizeHtml.Attributes;
// TT's `div.dat` holds the vignette and the source: labels the item already carries (as in html-body.ts).
const labelClass = /(?:^|\s)dat(?:\s|$)/;
const renamed: Readonly<Record<string, string>> = { h1: 'h2', h5: 'h4', h6: 'h4' };

/**
 * Marks noise for removal, with its content, while the original attributes are still there;
 * `dropped.media` tells whether a picture went (its paragraph may now be empty).
 */
function noiseMarker(dropped: { media: boolean }) {
  return (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const tag = tagName.toLowerCase();
    const noise =
      tag === 'img' ? isNoiseImage(attribs) : isHiddenElement(attribs) || (tag === 'div' && labelClass.test(attribs.class ?? ''));
    if (!noise) return { tagName: renamed[tag] ?? tagName, attribs };
    dropped.media ||= tag === 'img' || tag === 'figure' || tag === 'p';
    return { tagName: dropMark, attribs: dropAttribs };
  };
}

// The tags a heading must not hold: paragraphs and other headings (sanitised output, so every
// attribute value is quoted with `<`, `>` and `"` escaped, and `[^>]*` ends at the tag's end).
const headingOrBlockTag = /<(\/?)(h[2-4]|p|div)\b[^>]*>/g;

/**
 * A heading holds text, not paragraphs (`<h4><p>Title</p></h4>` from ninjs body_html5): the
 * paragraph and heading tags inside an outermost heading become spaces, and that heading's
 * white space is collapsed. A walk over the tags, not one regex, so nested headings and a
 * paragraph left open inside one cannot leave a close tag behind.
 */
function flattenHeadings(html: string): string {
  let out = '';
  let from = 0;
  let depth = 0;
  let headingStart = 0;
  let repaired = false;
  headingOrBlockTag.lastIndex = 0;
  for (let m = headingOrBlockTag.exec(html); m; m = headingOrBlockTag.exec(html)) {
    const [tag, closing, name] = m;
    out += html.slice(from, m.index);
    from = m.index + tag.length;
    const isHeading = name![0] === 'h';
    if (isHeading && !closing && depth++ === 0) {
      headingStart = out.length + tag.length;
      repaired = false;
      out += tag;
    } else if (isHeading && closing && depth > 0 && --depth === 0) {
      if (repaired) out = out.slice(0, headingStart) + out.slice(headingStart).replace(/\s+/g, ' ').trim();
      out += `</${name}>`;
    } else if (depth > 0) {
      out += ' ';
      repaired = true;
    } else out += tag;
  }
  return out + html.slice(from);
}
const emptyParagraph = /<p>(?:\s|&nbsp;|\u00a0|<br \/>)*<\/p>|<figure>\s*<\/figure>/g;

/**
 * The allowlist of INGEST-CONTRACT §7: everything from outside passes here before it is stored.
 * No scripts, styles, event handlers or javascript: URLs; images keep width/height so pages
 * do not shift while loading; empty paragraphs are dropped. Hidden elements, tracking pixels and
 * zero-size images go with their content, before `style` is stripped; label spans that would run
 * together ("FotbollTT") keep a space; a heading holding paragraphs is repaired.
 *
 * Its output is final: normalise (NFC) the input, never the output, since NFC joins `>` and a
 * combining U+0338 into `≯` and so turns text after a tag into attributes of that tag.
 */
export function sanitizeBody(html: string, options: SanitizeOptions = {}): SanitizedHtml {
  const embedHosts = options.embedHosts ?? [];
  const dropped = { media: false };
  const spaced = html.includes('</span><span') ? html.replace(/<\/span><span\b/gi, '</span> <span') : html;
  const clean = sanitizeHtml(spaced, {
    // The mark is allowed so that exclusiveFilter takes it out with its content (a disallowed
    // renamed tag would be skipped, and sanitize-html then closes a later element with its name).
    allowedTags: embedHosts.length > 0 ? [...allowedTags, 'iframe', dropMark] : [...allowedTags, dropMark],
    allowedAttributes: bodyAttributes,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: embedHosts,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: { '*': noiseMarker(dropped) },
    exclusiveFilter: (frame) => {
      if (frame.attribs === dropAttribs) return true;
      if (frame.tag === 'p') return !frame.mediaChildren.length && frame.text.replace(/[\s\u00a0]/g, '') === '';
      // An image whose source the allowlist refused is no picture; an iframe from a host not on
      // the list loses its src: both go.
      if ((frame.tag === 'img' || frame.tag === 'iframe') && !frame.attribs.src) {
        if (frame.tag === 'img') dropped.media = true;
        return true;
      }
      return false;
    },
  });
  // A paragraph or figure left empty by a dropped picture (`<p><img /></p>` from NITF) goes too.
  let out = dropped.media ? clean.replace(emptyParagraph, '') : clean;
  if (/<h[2-4]>/.test(out)) out = flattenHeadings(out);
  return out.trim() as SanitizedHtml;
}

const predefinedNames = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/**
 * Decodes a second level of character-reference escaping in outside HTML (INGEST-CONTRACT §7):
 * `&amp;#243;` and `&amp;eacute;` become `&#243;` and `&eacute;`, so readers see the character.
 * Escaped markup (`&amp;lt;script&amp;gt;`) is left as it is: it stays text.
 */
export function decodeSecondLevel(html: string): string {
  if (!html.includes('&amp;')) return html;
  return html.replace(/&amp;(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) =>
    predefinedNames.has(ref.toLowerCase()) || /^#(?:0*(?:60|62|38|34|39)|[xX]0*(?:3[cCeE]|26|22|27))$/.test(ref) ? whole : `&${ref};`,
  );
}

/** The body of a story that has none (a kill, a bare update). */
export const emptyBody = '' as SanitizedHtml;

/**
 * A body for a story: the HTML as it is when it already has the form of the allowlist's
 * output (what every format parser gives, checked here rather than trusted), else sanitised
 * again. Checking costs an eighth of sanitize-html (0.15 against 1.2 ms a body over the wire
 * fixtures), which ingest would otherwise run twice for every story on the storing thread.
 * Pass the parser's `embedHosts`: the check never accepts an iframe, so a body with one is
 * sanitised again.
 */
export function toSanitizedHtml(html: string, options: SanitizeOptions & CheckedBody = {}): SanitizedHtml {
  return options.isCheckedAllowlistForm === true || hasAllowlistForm(html) ? (html as SanitizedHtml) : sanitizeBody(html, options);
}

export interface CheckedBody {
  /**
   * This very string was found in the allowlist form by `toSanitizedHtml` on a parse worker
   * (to-story.ts `ItemFacts`, kept with the frozen item it belongs to): the storing thread does
   * not check it again (for a 19 MB body, a tenth of a second of the site's thread).
   */
  isCheckedAllowlistForm?: boolean;
}

const voidTags: ReadonlySet<string> = new Set(['br', 'hr', 'img']);
const checkedTags: ReadonlySet<string> = new Set(allowedTags);
// One token of sanitize-html's output: a tag with double-quoted attributes, text without
// markup characters, or one of the four references it writes (it decodes all others).
const bodyToken = /<(\/?)([a-z][a-z0-9]*)((?: [a-z]+="[^"<>]*")*)( \/)?>|[^<>&]+|&(?:amp|lt|gt|quot);/y;
const attributePattern = / ([a-z]+)="([^"]*)"/g;
const referencesOnly = /^(?:[^&]|&(?:amp|lt|gt|quot);)*$/;
// A URL: printable (no control character, C0, DEL or C1), no backslash, no reference but &amp; (`&colon;` would hide a scheme).
const plainUrl = /^(?:[^&\\\s\p{Cc}]|&amp;)*$/u;
// Web and mail links, or a relative address: no scheme before the first / ? #, not `//host`.
const urlAttributes: Readonly<Record<string, RegExp>> = {
  href: /^(?:https?:\/\/|mailto:|(?!\/\/)[^:/?#]*(?:[/?#]|$))/i,
  src: /^(?:https?:\/\/|(?!\/\/)[^:/?#]*(?:[/?#]|$))/i,
};

/**
 * Whether `html` is in the form sanitize-html writes under the allowlist: only allowed tags,
 * balanced, void tags written `<br />`; only allowed attributes, double-quoted, with no markup
 * characters and no reference but those four; links and pictures to web, mail or relative
 * addresses; text without markup characters. Anything else (comments, iframes, single
 * quotes, upper-case tags) is left to sanitize-html: this accepts less than it could, never more.
 */
function hasAllowlistForm(html: string): boolean {
  const open: string[] = [];
  const token = new RegExp(bodyToken); // its own lastIndex: sticky matching keeps a position
  while (token.lastIndex < html.length) {
    const match = token.exec(html);
    if (match === null) return false;
    const [, closing, name, attributes = '', selfClosing] = match;
    if (name === undefined) continue;
    if (!checkedTags.has(name)) return false;
    if (closing) {
      if (attributes !== '' || selfClosing !== undefined || open.pop() !== name) return false;
      continue;
    }
    // sanitize-html writes `<br />`, and only void tags so.
    if (voidTags.has(name) !== (selfClosing !== undefined)) return false;
    if (!voidTags.has(name)) open.push(name);
    for (const [, attribute = '', value = ''] of attributes.matchAll(attributePattern)) {
      if (!bodyAttributes[name]?.includes(attribute) || !referencesOnly.test(value)) return false;
      const url = urlAttributes[attribute];
      if (url && !(plainUrl.test(value) && url.test(value))) return false;
    }
  }
  return open.length === 0;
}
