import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.js';
import { isNotModified, validatorsOf } from './conditional.js';
import { cacheEntryOf, type PageCache, type PageCacheEntry } from './response-cache.js';

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

export interface Responder {
  /**
   * Answers a GET or HEAD from memory when it can (no database query at all), else renders,
   * stores and answers. Conditional requests get 304.
   */
  send(request: FastifyRequest, reply: FastifyReply, render: () => Promise<Rendered>): Promise<FastifyReply>;
  /** Answers without caching (non-GET requests, error pages). */
  sendUncached(request: FastifyRequest, reply: FastifyReply, rendered: Rendered): FastifyReply;
}

const hasValidators = (request: FastifyRequest) =>
  request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;

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
  const rawHeaders = new WeakMap<PageCacheEntry, Record<string, string | number>>();
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

  /** The whole header block of a cached entry, built once, so a hit costs one write. */
  const rawHeadersOf = (entry: PageCacheEntry) => {
    let headers = rawHeaders.get(entry);
    if (!headers) {
      headers = {
        'content-type': entry.contentType,
        'content-length': entry.body.length,
        'cache-control': entry.cacheControl,
        etag: entry.etag,
        'last-modified': entry.lastModified,
        'surrogate-key': entry.surrogateKeys,
        ...(entry.location ? { location: entry.location } : {}),
        ...extraHeaders,
      };
      rawHeaders.set(entry, headers);
    }
    return headers;
  };

  const answer = (request: FastifyRequest, reply: FastifyReply, entry: PageCacheEntry) => {
    reply.headers(extraHeaders);
    reply
      .header('cache-control', cacheControlOf(entry))
      .header('etag', entry.etag)
      .header('last-modified', entry.lastModified)
      .header('surrogate-key', entry.surrogateKeys);
    if (entry.location) reply.header('location', entry.location);
    if (isNotModified(validatorsOf(request.headers), entry)) return reply.code(304).send();
    return reply.code(entry.status).type(entry.contentType).send(entry.body);
  };

  return {
    async send(request, reply, render) {
      const isCacheable = request.method === 'GET' || request.method === 'HEAD';
      const key = request.url;
      if (isCacheable) {
        const hit = deps.cache.get(key);
        deps.onLookup?.(hit !== undefined);
        if (hit && !hasValidators(request) && hit.expiresAt === undefined) {
          // The hot path of the site: a prebuilt response written straight to the socket,
          // past Fastify's serialisation and hooks.
          // Headers a hook or route set before (the API's rate-limit count) go along.
          const pending = reply.getHeaders();
          const headers = Object.keys(pending).length === 0 ? rawHeadersOf(hit) : { ...pending, ...rawHeadersOf(hit) };
          reply.hijack();
          reply.raw.writeHead(hit.status, headers as Record<string, string | number | string[]>);
          reply.raw.end(request.method === 'HEAD' ? undefined : hit.body);
          return reply;
        }
        if (hit) return answer(request, reply, hit);
      }
      const generation = deps.cache.generation;
      const entry = toEntry(await render(), cacheControl.page);
      // An invalidation during the render may mean it read data that is now stale.
      if (isCacheable && deps.cache.generation === generation) deps.cache.set(key, entry);
      return answer(request, reply, entry);
    },
    sendUncached(request, reply, rendered) {
      return answer(request, reply, toEntry(rendered, cacheControl.error));
    },
  };
}
