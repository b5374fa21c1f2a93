import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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
  /** The body compressed once, when the entry was made (only the encodings that came out smaller). */
  encoded?: Partial<Record<ContentCoding, Buffer>>;
  /**
   * Epoch milliseconds at which the entry goes stale by the clock alone (the news sitemap's
   * oldest story turning 48 hours old); absent means "until a tag is invalidated".
   */
  expiresAt?: number;
}

export type ContentCoding = 'br' | 'gzip';

export interface PageCache {
  /** A fresh entry (one that no invalidation has touched since it was made). */
  get(key: string): PageCacheEntry | undefined;
  /** A fresh entry, or one marked stale by a soft invalidation (served while it renders again). */
  lookup(key: string): { entry: PageCacheEntry; isStale: boolean } | undefined;
  set(key: string, entry: PageCacheEntry): void;
  /**
   * Every entry carrying any of `tags` is removed, or with `keepStale` only marked stale: it may
   * then be served while one request renders it again (never used for a kill, which must vanish
   * at once). Returns how many entries were affected.
   */
  invalidate(tags: string[], options?: { keepStale?: boolean }): number;
  clear(): void;
  readonly size: number;
  /** False when it holds nothing (`maxEntries` 0, the bench's cache-miss switch): every request renders on its own. */
  readonly isEnabled: boolean;
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

const compressible = /^(text\/|application\/(json|xml|javascript|[\w.+-]+\+(xml|json))|image\/svg\+xml)/;
/** Below this a compressed body saves less than its headers cost. */
const minCompressBytes = 512;

/**
 * Compressed once per entry, never per request: Brotli at 5 and gzip at 6 keep a cache miss
 * cheap (about a millisecond for a 50 KB page) and get most of what the top levels would.
 * Static assets, compressed once per process, use the top levels (`best`).
 */
export function compressBody(
  body: Buffer,
  contentType: string,
  options: { best?: boolean } = {},
): Partial<Record<ContentCoding, Buffer>> | undefined {
  if (body.length < minCompressBytes || !compressible.test(contentType)) return undefined;
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: options.best ? constants.BROTLI_MAX_QUALITY : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(body, { level: options.best ? 9 : 6 });
  const encoded: Partial<Record<ContentCoding, Buffer>> = {};
  if (br.length < body.length) encoded.br = br;
  if (gzip.length < body.length) encoded.gzip = gzip;
  return encoded;
}

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
    encoded: compressBody(body, input.contentType),
  };
}

/**
 * An in-memory LRU keyed by path+query, with a tag → keys index for invalidation. Entries
 * with an `expiresAt` are dropped on read once `clock` reaches it.
 */
export function createPageCache(options: { maxEntries: number; clock?: Clock }): PageCache {
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, { entry: PageCacheEntry; isStale: boolean }>();
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
    const slot = entries.get(key);
    if (!slot) return false;
    entries.delete(key);
    unlink(key, slot.entry);
    return true;
  };

  const lookup = (key: string) => {
    const slot = entries.get(key);
    if (!slot) return undefined;
    if (slot.entry.expiresAt !== undefined && clock.now().getTime() >= slot.entry.expiresAt) {
      remove(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting makes this the most recently used.
    entries.delete(key);
    entries.set(key, slot);
    return slot;
  };

  return {
    get(key) {
      const slot = lookup(key);
      return slot && !slot.isStale ? slot.entry : undefined;
    },
    lookup,
    set(key, entry) {
      if (options.maxEntries <= 0) return;
      remove(key);
      entries.set(key, { entry, isStale: false });
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
    invalidate(tags, invalidation) {
      generation++;
      let affected = 0;
      for (const tag of tags) {
        const keys = keysByTag.get(tag);
        if (!keys) continue;
        for (const key of [...keys]) {
          const slot = entries.get(key);
          if (invalidation?.keepStale && slot) {
            if (!slot.isStale) affected++;
            slot.isStale = true;
          } else if (remove(key)) affected++;
        }
      }
      return affected;
    },
    clear() {
      generation++;
      entries.clear();
      keysByTag.clear();
    },
    get size() {
      return entries.size;
    },
    isEnabled: options.maxEntries > 0,
    get generation() {
      return generation;
    },
  };
}
