import type { FastifyError, FastifyInstance } from 'fastify';
import { cacheControl, createResponder } from '../http/responder.js';
import { baseSecurityHeaders } from '../http/security-headers.js';
import type { PullOptions } from './context.js';
import { registerFeedRoutes } from './feeds/routes.js';
import { registerSitemapRoutes } from './sitemaps/routes.js';

export type { PullConfig, PullOptions } from './context.js';

/**
 * Feeds, sitemaps and robots.txt as one Fastify plugin:
 * `app.register(pullRoutes, { store, cache, clock, config })`, with the same cache instance
 * as the site, so the composition root's invalidator purges these entries too.
 */
export async function pullRoutes(app: FastifyInstance, opts: PullOptions): Promise<void> {
  const deps = { ...opts, responder: createResponder({ cache: opts.cache, clock: opts.clock, headers: baseSecurityHeaders }) };
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'feed or sitemap failed');
    else request.log.info({ code: error.code, status }, error.message);
    return reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .header('cache-control', cacheControl.error)
      .send(status >= 500 ? 'Server error\n' : 'Bad request\n');
  });
  registerFeedRoutes(app, deps);
  registerSitemapRoutes(app, deps);
}
