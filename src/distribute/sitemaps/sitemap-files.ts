/** sitemaps.org: at most 50,000 URLs in one sitemap file. */
export const maxUrlsPerSitemap = 50_000;

export const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';
export const sitemapContentType = 'application/xml; charset=utf-8';

/** `articles-2026-01.xml`, then `articles-2026-01-2.xml`… when a month holds more than 50,000. */
export function monthSitemapPath(month: string, page: number): string {
  return `/sitemaps/articles-${month}${page > 1 ? `-${page}` : ''}.xml`;
}

export function parseMonthSitemapFile(file: string): { month: string; page: number } | undefined {
  const match = /^articles-(\d{4})-(\d{2})(?:-([1-9]\d{0,5}))?\.xml$/.exec(file);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  const page = match[3] === undefined ? 1 : Number(match[3]);
  // `-1` is the same file as the plain name: one address per resource.
  if (match[3] === '1') return undefined;
  return { month: `${match[1]}-${match[2]}`, page };
}
