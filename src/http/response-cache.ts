import { createHash } from 'node:crypto';
import { type Clock, systemClock } from '../core/clock.js';

/**
 * The in-memory response cache shared by every HTTP surface (site pages, feeds, sitemaps,
 * content API): one instance per process, purged by cache tags that the composition root
 * derives from store events. It lives in `http`, below `site` and `distribute`, so that both
 * share it without importing each other.
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
