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
  /** Worth compressing (type and size): answers carry `Vary: Accept-Encoding`. */
  isCompressible: boolean;
  /**
   * The body compressed, once per coding: the coding of the request that made the entry at
   * once, another when it is first asked for (`encodedBody`). Kept only where it came out smaller.
   */
  encoded: Partial<Record<ContentCoding, Buffer>>;
  /** The codings already tried (kept or not), so none is compressed twice. */
  triedCodings: Set<ContentCoding>;
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

const isCompressible = (body: Buffer, contentType: string) => body.length >= minCompressBytes && compressible.test(contentType);

const compress = (body: Buffer, coding: ContentCoding, best: boolean) =>
  coding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: best ? constants.BROTLI_MAX_QUALITY : 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : gzipSync(body, { level: best ? 9 : 6 });

/**
 * Static assets, compressed once per process at the top levels, in both codings (only those
 * that came out smaller).
 */
export function compressBody(body: Buffer, contentType: string): Partial<Record<ContentCoding, Buffer>> | undefined {
  if (!isCompressible(body, contentType)) return undefined;
  const encoded: Partial<Record<ContentCoding, Buffer>> = {};
  for (const coding of ['br', 'gzip'] as const) {
    const compressed = compress(body, coding, true);
    if (compressed.length < body.length) encoded[coding] = compressed;
  }
  return encoded;
}

/**
 * The entry's body in `coding`, compressed on first use and kept with the entry, never per
 * request: Brotli at 5 and gzip at 6 keep a cache miss cheap and get most of what the top
 * levels would. Undefined when the body is not worth compressing or did not come out smaller.
 */
export function encodedBody(entry: PageCacheEntry, coding: ContentCoding): Buffer | undefined {
  if (!entry.isCompressible) return undefined;
  if (!entry.triedCodings.has(coding)) {
    entry.triedCodings.add(coding);
    const compressed = compress(entry.body, coding, false);
    if (compressed.length < entry.body.length) entry.encoded[coding] = compressed;
  }
  return entry.encoded[coding];
}

/**
 * A rendered response as a cache entry: tags made unique, validators and CDN keys stamped at
 * `now`. Its body is compressed by `encodedBody` in the coding a request asks for, first the
 * one that made it: a miss compresses only what it sends.
 */
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
    isCompressible: isCompressible(body, input.contentType),
    encoded: {},
    triedCodings: new Set(),
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
