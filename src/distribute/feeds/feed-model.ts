import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Media, SanitizedHtml, Source, Story } from '../../core/story.js';
import { isAllowed } from '../../core/story.js';
import { excerpt, htmlToText } from '../../core/text.js';
import { absoluteUrl, articlePath, type FeedFormat, feedPath, mediaPath } from '../../core/urls.js';
import type { PullOptions } from '../context.js';
import { siteInfo } from '../context.js';
import { el, textEl } from '../xml.js';
import type { FeedScope } from './feed-scope.js';

/** How many stories a feed carries. */
export const feedSize = 50;

export interface FeedImage {
  url: string;
  contentType: string;
  width: number;
  height: number;
  /** Bytes on disk, 0 when unknown (the RSS profile's advice for enclosures). */
  length: number;
  /** "Jane Roe / MPA". */
  credit?: string;
  caption?: string;
}

/** One story as every feed format sees it. */
export interface FeedItem {
  /** A tag URI (RFC 4151): stable when the headline, and so the URL, changes. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Only when full text is allowed, by the setting and by the source's rights. */
  contentHtml?: SanitizedHtml;
  published: Date;
  updated: Date;
  authors: string[];
  categories: string[];
  image?: FeedImage;
  rights?: string;
  language: string;
}

export interface FeedModel {
  title: string;
  /** The publication, the feed-level author. */
  siteName: string;
  description: string;
  language: string;
  homeUrl: string;
  selfUrls: Record<FeedFormat, string>;
  updated: Date;
  hub?: string;
  items: FeedItem[];
}

const creditOf = (hero: NonNullable<Story['hero']>) => [hero.photographer, hero.creditSource].filter(Boolean).join(' / ') || undefined;

function rightsOf(story: Story, source: Source | undefined): string | undefined {
  const holder = story.copyrightholder ?? source?.copyrightholder;
  const notice = story.copyrightnotice ?? (holder ? `© ${holder}` : undefined);
  const text = [notice, story.usageterms ?? source?.usageNotice].filter(Boolean).join(' ');
  return text || undefined;
}

/** Bytes of stored media files by storage key: a key's file never changes, and a feed asks for 50 on each render. */
const fileSizes = new Map<string, number>();
const maxFileSizes = 10_000;

async function fileSizeOf(path: string): Promise<number> {
  const known = fileSizes.get(path);
  if (known !== undefined) return known;
  const size = await stat(path).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) return 0;
  if (fileSizes.size >= maxFileSizes) fileSizes.clear();
  fileSizes.set(path, size);
  return size;
}

async function imageOf(deps: PullOptions, story: Story, mediaById: Map<string, Media>): Promise<FeedImage | undefined> {
  const hero = story.hero;
  if (!hero) return undefined;
  const media = mediaById.get(hero.mediaId);
  const length = media ? await fileSizeOf(resolve(deps.config.mediaDir, media.path)) : 0;
  return {
    url: absoluteUrl(deps.config.publicUrl, mediaPath(hero.mediaId)),
    contentType: media?.contentType ?? 'image/jpeg',
    width: hero.width,
    height: hero.height,
    length,
    credit: creditOf(hero),
    caption: hero.caption,
  };
}

export function tagUriFor(publicUrl: string, story: Pick<Story, 'id' | 'publishedAt' | 'firstcreated'>): string {
  const host = new URL(publicUrl).hostname;
  const day = (story.publishedAt ?? story.firstcreated).slice(0, 10);
  return `tag:${host},${day}:story:${story.id}`;
}

/** Loads what a feed shows; the tags say which changes make it stale. */
export async function loadFeed(deps: PullOptions, scope: FeedScope): Promise<{ model: FeedModel; tags: string[] }> {
  const [site, feeds, websub, sources, stories] = await Promise.all([
    siteInfo(deps.store),
    deps.store.settings.get('feeds'),
    deps.store.settings.get('websub'),
    deps.store.sources.list(),
    deps.store.stories.listLatest({ ...scope.filter, limit: feedSize }),
  ]);
  const sourceBySlug = new Map(sources.map((s) => [s.slug, s]));
  const authorSlugs = [...new Set(stories.flatMap((s) => s.authorSlugs))];
  const [authors, mediaById] = await Promise.all([
    deps.store.authors.findBySlugs(authorSlugs),
    deps.store.media.findByIds(stories.flatMap((s) => (s.hero ? [s.hero.mediaId] : []))),
  ]);
  const authorNames = new Map(authors.map((a) => [a.slug, a.name]));
  const isFullTextSite = feeds.fullText;
  const items = await Promise.all(
    stories.map(async (story): Promise<FeedItem> => {
      const source = sourceBySlug.get(story.sourceId);
      const names = story.authorSlugs.flatMap((slug) => authorNames.get(slug) ?? []);
      return {
        id: tagUriFor(deps.config.publicUrl, story),
        url: absoluteUrl(deps.config.publicUrl, articlePath(story)),
        title: story.headline,
        summary: story.standfirst ?? excerpt(htmlToText(story.bodyHtml), 300),
        contentHtml: isFullTextSite && isAllowed(source, 'feedsFullText') ? story.bodyHtml : undefined,
        published: new Date(story.publishedAt ?? story.firstcreated),
        updated: new Date(story.versioncreated),
        authors: names.length > 0 ? names : story.byline ? [story.byline] : [],
        categories: story.tags,
        image: await imageOf(deps, story, mediaById),
        rights: rightsOf(story, source),
        language: story.language,
      };
    }),
  );
  const newest = items.reduce<number>((max, item) => Math.max(max, item.updated.getTime(), item.published.getTime()), 0);
  const abs = (format: FeedFormat) => absoluteUrl(deps.config.publicUrl, feedPath(format, scope.listPath));
  const model: FeedModel = {
    title: scope.name ? `${scope.name} – ${site.name}` : site.name,
    siteName: site.name,
    description: scope.name ? `${scope.name}: the latest from ${site.name}.` : site.description,
    language: site.language,
    homeUrl: absoluteUrl(deps.config.publicUrl, scope.listPath),
    selfUrls: { rss: abs('rss'), atom: abs('atom'), json: abs('json') },
    updated: newest > 0 ? new Date(newest) : deps.clock.now(),
    hub: websub.hub,
    items,
  };
  return { model, tags: [scope.listTag, 'settings', ...stories.map((s) => `story:${s.id}`)] };
}

/** Media RSS `media:content` for a story's hero image, with its credit: shared by RSS and Atom. */
export function mediaContent(image: FeedImage) {
  return el(
    'media:content',
    { url: image.url, type: image.contentType, medium: 'image', width: image.width, height: image.height },
    textEl('media:credit', image.credit, { role: 'photographer' }),
    textEl('media:description', image.caption, { type: 'plain' }),
  );
}
