import sanitizeHtml from 'sanitize-html';

export interface SanitizeOptions {
  /** Hosts whose iframes (video, maps, social embeds) may stay in a body. */
  embedHosts?: string[];
}

const allowedTags = [
  'p',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'br',
  'hr',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'sub',
  'sup',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'img',
  'figcaption',
];

/**
 * The allowlist of INGEST-CONTRACT §7: everything from outside passes here before it is stored.
 * No scripts, styles, event handlers or javascript: URLs; images keep width/height so pages
 * do not shift while loading; empty paragraphs are dropped.
 */
export function sanitizeBody(html: string, options: SanitizeOptions = {}): string {
  const embedHosts = options.embedHosts ?? [];
  const clean = sanitizeHtml(html, {
    allowedTags: embedHosts.length > 0 ? [...allowedTags, 'iframe'] : allowedTags,
    allowedAttributes: {
      a: ['href'],
      img: ['src', 'alt', 'width', 'height'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
    },
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
