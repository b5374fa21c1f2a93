import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.js';
import { cacheEntryOf, isNotModified, validatorsOf } from '../core/response-cache.js';
import type { PageCache, PageCacheEntry } from './page-cache.js';
import type { SafeHtml } from './views/html.js';

/** What a route's render function returns on a cache miss. */
export interface RenderedPage {
  status: number;
  body: SafeHtml | string;
  tags: string[];
  cacheControl?: string;
  location?: string;
  contentType?: string;
}

export const cacheControl = {
  page: 'public, max-age=60, stale-while-revalidate=300',
  /** A kill must not be served stale (DESIGN "Lifecycle rules"): no stale-while-revalidate. */
  gone: 'public, max-age=60',
  notFound: 'public, max-age=30',
  error: 'no-store',
  immutable: 'public, max-age=31536000, immutable',
  private: 'private, no-store',
} as const;

export interface PageResponder {
  /**
   * Answers a GET from memory when it can (no database query at all), else renders, stores
   * and answers. Conditional requests get 304.
   */
  send(request: FastifyRequest, reply: FastifyReply, render: () => Promise<RenderedPage>): Promise<FastifyReply>;
  /** Answers without caching (for non-GET requests and error pages). */
  sendUncached(request: FastifyRequest, reply: FastifyReply, page: RenderedPage): FastifyReply;
}

/** Sent with every page; cached hits carry them in their prebuilt headers. */
export const securityHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' } as const;

const hasValidators = (request: FastifyRequest) =>
  request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;

/** The whole header block of a cached entry, built once, so a hit costs one write. */
function rawHeadersOf(entry: PageCacheEntry): Record<string, string | number> {
  return {
    'content-type': entry.contentType,
    'content-length': entry.body.length,
    'cache-control': entry.cacheControl,
    etag: entry.etag,
    'last-modified': entry.lastModified,
    'surrogate-key': entry.surrogateKeys,
    ...(entry.location ? { location: entry.location } : {}),
    ...securityHeaders,
  };
}

export function createPageResponder(deps: { cache: PageCache; clock: Clock; onLookup?: (isHit: boolean) => void }): PageResponder {
  const rawHeaders = new WeakMap<PageCacheEntry, Record<string, string | number>>();
  const toEntry = (page: RenderedPage): PageCacheEntry =>
    cacheEntryOf(
      {
        ...page,
        body: page.body.toString(),
        contentType: page.contentType ?? 'text/html; charset=utf-8',
        cacheControl: page.cacheControl ?? cacheControl.page,
      },
      deps.clock.now(),
    );

  const reply304or200 = (request: FastifyRequest, reply: FastifyReply, entry: PageCacheEntry) => {
    reply
      .header('cache-control', entry.cacheControl)
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
        if (hit && !hasValidators(request)) {
          // The hot path of the site: a prebuilt response written straight to the socket,
          // past Fastify's serialisation and hooks.
          let headers = rawHeaders.get(hit);
          if (!headers) {
            headers = rawHeadersOf(hit);
            rawHeaders.set(hit, headers);
          }
          reply.hijack();
          reply.raw.writeHead(hit.status, headers);
          reply.raw.end(request.method === 'HEAD' ? undefined : hit.body);
          return reply;
        }
        if (hit) return reply304or200(request, reply, hit);
      }
      const generation = deps.cache.generation;
      const entry = toEntry(await render());
      // An invalidation during the render may mean it read data that is now stale.
      if (isCacheable && deps.cache.generation === generation) deps.cache.set(key, entry);
      return reply304or200(request, reply, entry);
    },
    sendUncached(request, reply, page) {
      return reply304or200(request, reply, { ...toEntry(page), cacheControl: page.cacheControl ?? cacheControl.error });
    },
  };
}
