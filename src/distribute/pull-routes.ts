import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createErrorReply, type ErrorFormat } from '../http/error-reply.js';
import { createResponder } from '../http/responder.js';
import { baseSecurityHeaders } from '../http/security-headers.js';
import type { PullOptions } from './context.js';
import { registerFeedRoutes } from './feeds/routes.js';
import { registerSitemapRoutes } from './sitemaps/routes.js';

export type { PullConfig, PullOptions } from './context.js';

/** `/feed.json` answers errors in JSON, `*.xml` in XML, `robots.txt` in text. */
const errorFormatOf = (request: FastifyRequest): ErrorFormat => {
  const path = request.url.split('?')[0] ?? '';
  if (path.endsWith('.json')) return 'json';
  return path.endsWith('.xml') ? 'xml' : 'text';
};

/**
 * Feeds, sitemaps and robots.txt as one Fastify plugin:
 * `app.register(pullRoutes, { store, cache, clock, config })`, with the same cache instance
 * as the site, so the composition root's invalidator purges these entries too.
 */
export async function pullRoutes(app: FastifyInstance, opts: PullOptions): Promise<void> {
  const deps = { ...opts, responder: createResponder({ cache: opts.cache, clock: opts.clock, headers: baseSecurityHeaders }) };
  // Feed readers and crawlers read errors in the format of what they asked for.
  app.setErrorHandler(createErrorReply({ format: errorFormatOf, surface: 'feed or sitemap' }));
  registerFeedRoutes(app, deps);
  registerSitemapRoutes(app, deps);
}
