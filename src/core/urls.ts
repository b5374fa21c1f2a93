/**
 * The one URL builder: every surface that links to a story, list or feed asks here,
 * so that distribution never needs the site (DESIGN.md "URLs").
 */
const latinFolds: Record<string, string> = {
  æ: 'ae',
  ø: 'o',
  å: 'a',
  ß: 'ss',
  œ: 'oe',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};

/**
 * Turns a headline into a URL slug. Latin letters are transliterated to ASCII; other scripts
 * (Arabic, Cyrillic, CJK…) keep their Unicode letters and are percent-encoded in paths.
 */
export function slugify(text: string, maxLength = 80): string {
  const folded = text
    .toLowerCase()
    .replace(/[æøåßœðþłđı]/g, (ch) => latinFolds[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
  const slug = folded
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug || 'story';
  const cut = slug.slice(0, maxLength);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

export interface ArticleRef {
  section?: string;
  slug: string;
  publishedAt?: string;
  firstcreated: string;
}

const seg = (s: string) => encodeURIComponent(s);

/** `/{section}/{yyyy}/{mm}/{dd}/{slug}`; the date is the first publication's, in UTC. */
export function articlePath(ref: ArticleRef): string {
  const date = new Date(ref.publishedAt ?? ref.firstcreated);
  const yyyy = String(date.getUTCFullYear());
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  return `/${seg(ref.section ?? 'news')}/${yyyy}/${mm}/${dd}/${seg(ref.slug)}`;
}

export const sectionPath = (section: string) => `/${seg(section)}/`;
export const tagPath = (tag: string) => `/tag/${seg(slugify(tag))}`;
/** Stories in a language other than the site's: `/lang/fr/`. */
export const languagePath = (language: string) => `/lang/${seg(language.toLowerCase())}/`;
export const authorPath = (author: string) => `/author/${seg(author)}`;
export const sourcePath = (source: string) => `/source/${seg(source)}`;
export const searchPath = (query: string) => `/search?q=${encodeURIComponent(query)}`;
export const mediaPath = (mediaId: string) => `/media/${seg(mediaId)}`;

export type FeedFormat = 'rss' | 'atom' | 'json';
const feedFiles: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/** Site feed when `listPath` is omitted, else the feed of that list (`/world/feed.xml`). */
export function feedPath(format: FeedFormat, listPath = '/'): string {
  return `${listPath.endsWith('/') ? listPath : `${listPath}/`}${feedFiles[format]}`;
}

export function withPage(path: string, page: number): string {
  return page <= 1 ? path : `${path}${path.includes('?') ? '&' : '?'}page=${page}`;
}

export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** Lede's own addresses: a redirect from under them would shadow a live route. */
export const reservedPathPattern = /^\/(newsroom|api|preview|assets|media)(\/|$)/;
/** The longest path a redirect may start from (an editor's or an imported permalink's). */
export const maxRedirectPathLength = 2000;
