import { createHash } from 'node:crypto';
import { type Clock, systemClock } from './clock.js';
import type { Story } from './story.js';
import { slugify } from './urls.js';

/**
 * The in-memory response cache shared by every HTTP surface (site pages, feeds, sitemaps,
 * content API): one instance per process, purged by cache tags that the composition root
 * derives from store events. It lives in core so that `site` and `distribute` share it
 * without importing each other.
 */

/** One rendered response, kept in memory until a tag it carries is invalidated. */
export interface PageCacheEntry {
  status: number;
  body: Buffer;
  /** Strong validator: a quoted hash of `body`. */
  etag: string;
  /** HTTP date of the render. */
  lastModified: string;
  contentType: string;
  /** Cache tags (`story:{id}`, `list:home`…): what makes this entry stale. */
  tags: string[];
  /** The `Surrogate-Key` header value for a CDN: the tags with `:` replaced by `-`. */
  surrogateKeys: string;
  cacheControl: string;
  /** For cached redirects. */
  location?: string;
  /**
   * Epoch milliseconds at which the entry goes stale by the clock alone (the news sitemap's
   * oldest story turning 48 hours old); absent means "until a tag is invalidated".
   */
  expiresAt?: number;
}

export interface PageCache {
  get(key: string): PageCacheEntry | undefined;
  set(key: string, entry: PageCacheEntry): void;
  /** Removes every entry carrying any of `tags`; returns how many were removed. */
  invalidate(tags: string[]): number;
  clear(): void;
  readonly size: number;
  /**
   * Bumped by every invalidation. A render that started before an invalidation may hold
   * stale data, so the page helper stores it only if the generation has not moved.
   */
  readonly generation: number;
}

export function surrogateKeysFor(tags: string[]): string {
  return tags.map((tag) => tag.replace(/:/g, '-').replace(/\s+/g, '_')).join(' ');
}

/** A strong validator for a response body. */
export const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** A rendered response as a cache entry: tags made unique, validators and CDN keys stamped at `now`. */
export function cacheEntryOf(
  input: Pick<PageCacheEntry, 'status' | 'contentType' | 'cacheControl' | 'location' | 'expiresAt'> & { body: string; tags: string[] },
  now: Date,
): PageCacheEntry {
  const body = Buffer.from(input.body);
  const tags = [...new Set(input.tags)];
  return {
    status: input.status,
    body,
    etag: etagOf(body),
    lastModified: now.toUTCString(),
    contentType: input.contentType,
    tags,
    surrogateKeys: surrogateKeysFor(tags),
    cacheControl: input.cacheControl,
    location: input.location,
    expiresAt: input.expiresAt,
  };
}

/** The validators of a request, from its headers (a repeated header counts as one list). */
export function validatorsOf(headers: Record<string, string | string[] | undefined>): { ifNoneMatch?: string; ifModifiedSince?: string } {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { ifNoneMatch: header('if-none-match'), ifModifiedSince: header('if-modified-since') };
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; only a 200 can be "not modified". */
export function isNotModified(
  headers: { ifNoneMatch?: string; ifModifiedSince?: string },
  entry: Pick<PageCacheEntry, 'status' | 'etag' | 'lastModified'>,
): boolean {
  if (entry.status !== 200) return false;
  if (headers.ifNoneMatch !== undefined) {
    return headers.ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === entry.etag;
    });
  }
  if (headers.ifModifiedSince === undefined) return false;
  const since = Date.parse(headers.ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(entry.lastModified) <= since;
}

/**
 * An in-memory LRU keyed by path+query, with a tag → keys index for invalidation. Entries
 * with an `expiresAt` are dropped on read once `clock` reaches it.
 */
export function createPageCache(options: { maxEntries: number; clock?: Clock }): PageCache {
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, PageCacheEntry>();
  const keysByTag = new Map<string, Set<string>>();
  let generation = 0;

  const unlink = (key: string, entry: PageCacheEntry) => {
    for (const tag of entry.tags) {
      const keys = keysByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) keysByTag.delete(tag);
    }
  };

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return false;
    entries.delete(key);
    unlink(key, entry);
    return true;
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && clock.now().getTime() >= entry.expiresAt) {
        remove(key);
        return undefined;
      }
      // Map keeps insertion order: re-inserting makes this the most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(key, entry) {
      if (options.maxEntries <= 0) return;
      remove(key);
      entries.set(key, entry);
      for (const tag of entry.tags) {
        let keys = keysByTag.get(tag);
        if (!keys) {
          keys = new Set();
          keysByTag.set(tag, keys);
        }
        keys.add(key);
      }
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        remove(oldest);
      }
    },
    invalidate(tags) {
      generation++;
      let removed = 0;
      for (const tag of tags) {
        const keys = keysByTag.get(tag);
        if (!keys) continue;
        for (const key of [...keys]) if (remove(key)) removed++;
      }
      return removed;
    },
    clear() {
      generation++;
      entries.clear();
      keysByTag.clear();
    },
    get size() {
      return entries.size;
    },
    get generation() {
      return generation;
    },
  };
}

/** Urgency 1–2 stories appear in the breaking-news strip of every page. */
export const isBreakingUrgency = (urgency: number | undefined) => urgency !== undefined && urgency >= 1 && urgency <= 2;

/**
 * Every cache tag a change to `story` makes stale: its own page, each list it belongs to,
 * the home page and search. An urgent story also touches the breaking strip on every page
 * (`list:breaking`), which is why ordinary stories do not carry that tag.
 */
export function tagsForStory(story: Story): string[] {
  const tags = [`story:${story.id}`, 'list:home', 'search', `list:source:${story.sourceId}`];
  if (story.section) tags.push(`list:section:${story.section}`);
  for (const tag of story.tags) tags.push(`list:tag:${slugify(tag)}`);
  for (const author of story.authorSlugs) tags.push(`list:author:${author}`);
  if (isBreakingUrgency(story.urgency)) tags.push('list:breaking');
  return [...new Set(tags)];
}
