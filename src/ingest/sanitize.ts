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

/**
 * The allowlist of INGEST-CONTRACT §7: everything from outside passes here before it is stored.
 * No scripts, styles, event handlers or javascript: URLs; images keep width/height so pages
 * do not shift while loading; empty paragraphs are dropped.
 *
 * Its output is final: normalise (NFC) the input, never the output, since NFC joins `>` and a
 * combining U+0338 into `≯` and so turns text after a tag into attributes of that tag.
 */
export function sanitizeBody(html: string, options: SanitizeOptions = {}): SanitizedHtml {
  const embedHosts = options.embedHosts ?? [];
  const clean = sanitizeHtml(html, {
    allowedTags: embedHosts.length > 0 ? [...allowedTags, 'iframe'] : allowedTags,
    allowedAttributes: bodyAttributes,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: embedHosts,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: {
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
    },
    exclusiveFilter: (frame) =>
      (frame.tag === 'p' && !frame.mediaChildren.length && frame.text.replace(/[\s\u00a0]/g, '') === '') ||
      // An iframe from a host not on the list loses its src: drop the element itself.
      (frame.tag === 'iframe' && !frame.attribs.src),
  });
  return clean.trim() as SanitizedHtml;
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
