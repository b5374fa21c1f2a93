import { absoluteUrl, articlePath } from '../../core/urls.js';
import type { Rendered } from '../../http/responder.js';
import type { PullOptions } from '../context.js';
import { el, textEl, xmlDocument } from '../xml.js';
import { maxUrlsPerSitemap, monthSitemapPath, sitemapContentType, sitemapNs } from './sitemap-files.js';

const toIso = (time: string) => new Date(time).toISOString();

/**
 * Every published story belongs to the home list, so `list:home` goes stale on every
 * publish, update and kill: a sitemap tagged with it is never out of date. (Per-story tags
 * would make a 50,000-URL Surrogate-Key header.)
 */
const sitemapTags = ['list:home'];

/** `/sitemap.xml`: the month sitemaps (newest first) and the news sitemap. */
export async function renderSitemapIndex(deps: PullOptions): Promise<Rendered> {
  const months = await deps.store.articleIndex.months();
  const abs = (path: string) => absoluteUrl(deps.config.publicUrl, path);
  const entries = months.flatMap(({ month, count, lastmod }) =>
    Array.from({ length: Math.ceil(count / maxUrlsPerSitemap) }, (_, i) =>
      el('sitemap', {}, el('loc', {}, abs(monthSitemapPath(month, i + 1))), textEl('lastmod', lastmod ? toIso(lastmod) : undefined)),
    ),
  );
  const body = xmlDocument(el('sitemapindex', { xmlns: sitemapNs }, el('sitemap', {}, el('loc', {}, abs('/news-sitemap.xml'))), entries));
  return { status: 200, body, contentType: sitemapContentType, tags: sitemapTags };
}

/** One month's published articles (or one 50,000-URL page of it), oldest first. */
export async function renderMonthSitemap(deps: PullOptions, input: { month: string; page: number }): Promise<Rendered> {
  const addresses = await deps.store.articleIndex.inMonth({
    month: input.month,
    limit: maxUrlsPerSitemap,
    offset: (input.page - 1) * maxUrlsPerSitemap,
  });
  if (addresses.length === 0) {
    return {
      status: 404,
      body: 'No such sitemap.\n',
      contentType: 'text/plain; charset=utf-8',
      tags: sitemapTags,
      cacheControl: 'public, max-age=30',
    };
  }
  const urls = addresses.map((a) =>
    el('url', {}, el('loc', {}, absoluteUrl(deps.config.publicUrl, articlePath(a))), el('lastmod', {}, toIso(a.versioncreated))),
  );
  return { status: 200, body: xmlDocument(el('urlset', { xmlns: sitemapNs }, urls)), contentType: sitemapContentType, tags: sitemapTags };
}

export function renderRobots(deps: PullOptions): Rendered {
  const abs = (path: string) => absoluteUrl(deps.config.publicUrl, path);
  const body = [
    'User-agent: *',
    'Disallow: /newsroom/',
    'Disallow: /preview/',
    'Disallow: /fragments/',
    '',
    `Sitemap: ${abs('/sitemap.xml')}`,
    `Sitemap: ${abs('/news-sitemap.xml')}`,
    '',
  ].join('\n');
  return { status: 200, body, contentType: 'text/plain; charset=utf-8', tags: ['settings'] };
}
