import sanitizeHtml from 'sanitize-html';

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
 */
export function sanitizeBody(html: string, options: SanitizeOptions = {}): string {
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
  return clean.trim();
}
