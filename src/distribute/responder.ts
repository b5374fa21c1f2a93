import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.js';
import { cacheEntryOf, isNotModified, type PageCache, type PageCacheEntry, validatorsOf } from '../core/response-cache.js';

/** What a pull surface renders on a cache miss. */
export interface RenderedResource {
  status: number;
  body: string;
  contentType: string;
  tags: string[];
  cacheControl?: string;
  /** Epoch ms at which the response goes stale by the clock (news sitemap). */
  expiresAt?: number;
}

export const pullCacheControl = {
  /** Like the site's pages: shared caches may keep a feed a minute. */
  feed: 'public, max-age=60, stale-while-revalidate=300',
  notFound: 'public, max-age=30',
  error: 'no-store',
} as const;

/**
 * Answers GETs of feeds, sitemaps and API resources from the shared response cache, else
 * renders, stores and answers; conditional requests get 304 (the site's page helper does
 * the same for HTML pages).
 */
export function createResponder(deps: { cache: PageCache; clock: Clock }) {
  const toEntry = (resource: RenderedResource): PageCacheEntry =>
    cacheEntryOf({ ...resource, cacheControl: resource.cacheControl ?? pullCacheControl.feed }, deps.clock.now());

  const answer = (request: FastifyRequest, reply: FastifyReply, entry: PageCacheEntry) => {
    let cacheControl = entry.cacheControl;
    if (entry.expiresAt !== undefined) {
      // A shared cache must not keep it past the moment it goes stale by the clock.
      const left = Math.max(0, Math.floor((entry.expiresAt - deps.clock.now().getTime()) / 1000));
      cacheControl = `public, max-age=${Math.min(60, left)}`;
    }
    reply
      .header('cache-control', cacheControl)
      .header('etag', entry.etag)
      .header('last-modified', entry.lastModified)
      .header('surrogate-key', entry.surrogateKeys)
      .header('x-content-type-options', 'nosniff');
    if (isNotModified(validatorsOf(request.headers), entry)) {
      return reply.code(304).send();
    }
    return reply.code(entry.status).type(entry.contentType).send(entry.body);
  };

  return {
    async send(request: FastifyRequest, reply: FastifyReply, render: () => Promise<RenderedResource>): Promise<FastifyReply> {
      const key = request.url;
      const hit = deps.cache.get(key);
      if (hit) return answer(request, reply, hit);
      const generation = deps.cache.generation;
      const entry = toEntry(await render());
      // An invalidation during the render may mean it read data that is now stale.
      if (deps.cache.generation === generation) deps.cache.set(key, entry);
      return answer(request, reply, entry);
    },
    sendUncached(request: FastifyRequest, reply: FastifyReply, resource: RenderedResource): FastifyReply {
      return answer(request, reply, toEntry({ ...resource, cacheControl: resource.cacheControl ?? pullCacheControl.error }));
    },
  };
}

export type Responder = ReturnType<typeof createResponder>;
