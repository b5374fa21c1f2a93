import type { Story } from '../../core/story.js';
import { absoluteUrl, articlePath } from '../../core/urls.js';
import type { Rendered } from '../../http/responder.js';
import { type PullOptions, siteInfo } from '../context.js';
import { el, xmlDocument } from '../xml.js';
import { newsNs, sitemapContentType, sitemapNs } from './sitemap-files.js';

/** Google News sitemaps: articles first published in the last two days, at most 1,000 of them. */
export const newsWindowMs = 48 * 60 * 60 * 1000;
export const maxNewsUrls = 1000;

/** Google wants ISO 639 codes, except Chinese, which it names zh-cn or zh-tw. */
export function newsLanguage(language: string): string {
  const tag = language.toLowerCase();
  if (tag === 'zh-tw' || tag === 'zh-hant' || tag.startsWith('zh-hant-')) return 'zh-tw';
  if (tag.startsWith('zh')) return 'zh-cn';
  return tag.split('-')[0] || 'en';
}

const publishedMs = (story: Story) => Date.parse(story.publishedAt ?? story.firstcreated);

/**
 * `/news-sitemap.xml`. A story leaves it when its 48 hours end, whether or not anything
 * else happens: the rendered entry expires at the moment its oldest story turns 48 hours
 * old, so the next request renders it again without that story.
 */
export async function renderNewsSitemap(deps: PullOptions): Promise<Rendered> {
  const now = deps.clock.now().getTime();
  const cutoff = now - newsWindowMs;
  // Stored times may lack milliseconds, which orders them oddly as text within one second:
  // ask a second wider and apply the exact window here.
  const [site, candidates] = await Promise.all([
    siteInfo(deps.store),
    deps.store.articleIndex.publishedAfter(new Date(cutoff - 1000).toISOString(), maxNewsUrls + 50),
  ]);
  const stories = candidates.filter((s) => publishedMs(s) > cutoff && publishedMs(s) <= now).slice(0, maxNewsUrls);
  const urls = stories.map((story) =>
    el(
      'url',
      {},
      el('loc', {}, absoluteUrl(deps.config.publicUrl, articlePath(story))),
      el(
        'news:news',
        {},
        el('news:publication', {}, el('news:name', {}, site.name), el('news:language', {}, newsLanguage(story.language))),
        el('news:publication_date', {}, new Date(publishedMs(story)).toISOString()),
        el('news:title', {}, story.headline),
      ),
    ),
  );
  const oldest = stories.reduce((min, s) => Math.min(min, publishedMs(s)), Number.POSITIVE_INFINITY);
  return {
    status: 200,
    body: xmlDocument(el('urlset', { xmlns: sitemapNs, 'xmlns:news': newsNs }, urls)),
    contentType: sitemapContentType,
    tags: ['list:home', 'settings'],
    expiresAt: Number.isFinite(oldest) ? oldest + newsWindowMs : undefined,
  };
}
