import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.js';
import { isNotModified, validatorsOf } from './conditional.js';
import { type ContentCoding, cacheEntryOf, encodedBody, type PageCache, type PageCacheEntry } from './response-cache.js';

/** What a route renders on a cache miss: a page, a feed, a sitemap or an API resource. */
export interface Rendered {
  status: number;
  /** Text or escaped HTML (anything whose `toString()` is the body). */
  body: string | { toString(): string };
  tags: string[];
  /** Default `text/html; charset=utf-8`. */
  contentType?: string;
  /** Default `cacheControl.page` (`cacheControl.error` when sent uncached). */
  cacheControl?: string;
  location?: string;
  /** Epoch ms at which the response goes stale by the clock alone (the news sitemap). */
  expiresAt?: number;
}

export const cacheControl = {
  /** Pages and feeds: shared caches may keep them a minute, and serve them stale while revalidating. */
  page: 'public, max-age=60, stale-while-revalidate=300',
  /** A kill must not be served stale (DESIGN "Lifecycle rules"): no stale-while-revalidate. */
  gone: 'public, max-age=60',
  notFound: 'public, max-age=30',
  error: 'no-store',
  immutable: 'public, max-age=31536000, immutable',
  private: 'private, no-store',
} as const;

/** Which query parameters make a different response: the rest (`utm_*`, `fbclid`…) never reach the cache key. */
export interface SendOptions {
  /** The parameters the route reads (default none), or `all` for a route that refuses unknown ones (the content API). */
  query?: readonly string[] | 'all';
}

export interface Responder {
  /**
   * Answers a GET or HEAD from memory when it can (no database query at all), else renders,
   * stores and answers. Conditional requests get 304. One render per key at a time: requests
   * arriving meanwhile wait for it, or get the previous entry when a soft invalidation kept one.
   */
  send(request: FastifyRequest, reply: FastifyReply, render: () => Promise<Rendered>, options?: SendOptions): Promise<FastifyReply>;
  /** Answers without caching (non-GET requests, error pages). */
  sendUncached(request: FastifyRequest, reply: FastifyReply, rendered: Rendered): FastifyReply;
}

/** RFC 9211 `Cache-Status`: how this answer was served. */
export const cacheStatus = {
  hit: 'lede; hit',
  miss: 'lede; fwd=miss',
  collapsed: 'lede; fwd=miss; collapsed',
  stale: 'lede; fwd=stale',
  /** Not a GET or HEAD, or an answer that is never cached (error pages). */
  bypass: 'lede; fwd=bypass',
} as const;

const hasValidators = (request: FastifyRequest) =>
  request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;

/** The cache key: the path and only the query parameters the route reads, in a fixed order. */
export function cacheKeyOf(url: string, query: SendOptions['query']): string {
  const mark = url.indexOf('?');
  if (mark < 0 || query === 'all') return url;
  const path = url.slice(0, mark);
  if (!query || query.length === 0) return path;
  const params = new URLSearchParams(url.slice(mark + 1));
  const kept = new URLSearchParams();
  for (const name of [...query].sort()) for (const value of params.getAll(name)) kept.append(name, value);
  const rest = kept.toString();
  return rest ? `${path}?${rest}` : path;
}

const codingsByHeader = new Map<string, ContentCoding | undefined>();
/** The coding to send for an `Accept-Encoding` (Brotli first, then gzip; `q=0` refuses). Memoised: browsers send a handful of values. */
export function preferredCoding(header: string | undefined): ContentCoding | undefined {
  if (!header) return undefined;
  if (codingsByHeader.has(header)) return codingsByHeader.get(header);
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  const coding = accepted.has('br') ? 'br' : accepted.has('gzip') || accepted.has('*') ? 'gzip' : undefined;
  if (codingsByHeader.size < 200) codingsByHeader.set(header, coding);
  return coding;
}

/** The entry as sent with `coding`: its bytes and its own strong validator (RFC 9110 §8.8.3: one per representation). */
const representationOf = (entry: PageCacheEntry, coding: ContentCoding | undefined) => {
  const body = coding ? encodedBody(entry, coding) : undefined;
  if (!coding || !body) return { body: entry.body, etag: entry.etag, coding: undefined };
  return { body, etag: `${entry.etag.slice(0, -1)}-${coding}"`, coding };
};

/**
 * The one responder of every cached HTTP surface (site pages, feeds, sitemaps, content API),
 * over the shared response cache. `headers` go on every answer, cached hits included (the
 * site's security headers): a hit is written straight to the socket, past Fastify's hooks.
 */
export function createResponder(deps: {
  cache: PageCache;
  clock: Clock;
  headers?: Readonly<Record<string, string>>;
  onLookup?: (isHit: boolean) => void;
}): Responder {
  const extraHeaders = deps.headers ?? {};
  const rawHeaders = new WeakMap<PageCacheEntry, Partial<Record<ContentCoding | 'identity', Record<string, string | number>>>>();
  /** Renders under way, by cache key: one render per page at a time. */
  const rendering = new Map<string, Promise<PageCacheEntry>>();
  const toEntry = (rendered: Rendered, fallbackCacheControl: string): PageCacheEntry =>
    cacheEntryOf(
      {
        ...rendered,
        body: rendered.body.toString(),
        contentType: rendered.contentType ?? 'text/html; charset=utf-8',
        cacheControl: rendered.cacheControl ?? fallbackCacheControl,
      },
      deps.clock.now(),
    );

  /** An entry that goes stale by the clock must not be kept by a shared cache past that moment. */
  const cacheControlOf = (entry: PageCacheEntry) => {
    if (entry.expiresAt === undefined) return entry.cacheControl;
    const left = Math.max(0, Math.floor((entry.expiresAt - deps.clock.now().getTime()) / 1000));
    return `public, max-age=${Math.min(60, left)}`;
  };

  /** The whole header block of a cached entry in one coding, built once, so a hit costs one write. */
  const rawHeadersOf = (entry: PageCacheEntry, coding: ContentCoding | undefined) => {
    let byCoding = rawHeaders.get(entry);
    if (!byCoding) {
      byCoding = {};
      rawHeaders.set(entry, byCoding);
    }
    const representation = representationOf(entry, coding);
    const slot = representation.coding ?? 'identity';
    let headers = byCoding[slot];
    if (!headers) {
      headers = {
        'content-type': entry.contentType,
        'content-length': representation.body.length,
        'cache-control': entry.cacheControl,
        etag: representation.etag,
        'last-modified': entry.lastModified,
        'surrogate-key': entry.surrogateKeys,
        'cache-status': cacheStatus.hit,
        ...(entry.isCompressible ? { vary: 'Accept-Encoding' } : {}),
        ...(representation.coding ? { 'content-encoding': representation.coding } : {}),
        ...(entry.location ? { location: entry.location } : {}),
        ...extraHeaders,
      };
      byCoding[slot] = headers;
    }
    return { headers, body: representation.body };
  };

  const answer = (request: FastifyRequest, reply: FastifyReply, entry: PageCacheEntry, status: string) => {
    const representation = representationOf(entry, preferredCoding(request.headers['accept-encoding']));
    reply.headers(extraHeaders);
    reply
      .header('cache-control', cacheControlOf(entry))
      .header('etag', representation.etag)
      .header('last-modified', entry.lastModified)
      .header('surrogate-key', entry.surrogateKeys)
      .header('cache-status', status);
    if (entry.isCompressible) reply.header('vary', 'Accept-Encoding');
    if (entry.location) reply.header('location', entry.location);
    if (isNotModified(validatorsOf(request.headers), { ...entry, etag: representation.etag })) return reply.code(304).send();
    if (representation.coding) reply.header('content-encoding', representation.coding);
    return reply.code(entry.status).type(entry.contentType).send(representation.body);
  };

  /** Renders `key` once; whoever asks meanwhile shares the result. Stored unless an invalidation came during the render. */
  const renderOnce = (key: string, isCacheable: boolean, render: () => Promise<Rendered>) => {
    const generation = deps.cache.generation;
    const job = render().then((rendered) => {
      const entry = toEntry(rendered, cacheControl.page);
      // An invalidation during the render may mean it read data that is now stale.
      if (isCacheable && deps.cache.generation === generation) deps.cache.set(key, entry);
      return entry;
    });
    if (!isCacheable) return job;
    rendering.set(key, job);
    const done = () => {
      if (rendering.get(key) === job) rendering.delete(key);
    };
    job.then(done, done);
    return job;
  };

  return {
    async send(request, reply, render, options) {
      const isCacheable = deps.cache.isEnabled && (request.method === 'GET' || request.method === 'HEAD');
      const key = cacheKeyOf(request.url, options?.query);
      if (isCacheable) {
        const found = deps.cache.lookup(key);
        const hit = found && !found.isStale ? found.entry : undefined;
        deps.onLookup?.(hit !== undefined);
        if (hit && !hasValidators(request) && hit.expiresAt === undefined) {
          // The hot path of the site: a prebuilt response written straight to the socket,
          // past Fastify's serialisation and hooks.
          // Headers a hook or route set before (the API's rate-limit count) go along.
          const raw = rawHeadersOf(hit, preferredCoding(request.headers['accept-encoding']));
          const pending = reply.getHeaders();
          const headers = Object.keys(pending).length === 0 ? raw.headers : { ...pending, ...raw.headers };
          reply.hijack();
          reply.raw.writeHead(hit.status, headers as Record<string, string | number | string[]>);
          reply.raw.end(request.method === 'HEAD' ? undefined : raw.body);
          return reply;
        }
        if (hit) return answer(request, reply, hit, cacheStatus.hit);
        const underway = rendering.get(key);
        if (underway && found) return answer(request, reply, found.entry, cacheStatus.stale);
        if (underway) return answer(request, reply, await underway, cacheStatus.collapsed);
      }
      return answer(request, reply, await renderOnce(key, isCacheable, render), isCacheable ? cacheStatus.miss : cacheStatus.bypass);
    },
    sendUncached(request, reply, rendered) {
      return answer(request, reply, toEntry(rendered, cacheControl.error), cacheStatus.bypass);
    },
  };
}
