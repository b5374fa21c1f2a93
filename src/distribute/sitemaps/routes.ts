import type { FastifyInstance } from 'fastify';
import type { Responder } from '../../http/responder.js';
import type { PullOptions } from '../context.js';
import { renderNewsSitemap } from './news-sitemap.js';
import { parseMonthSitemapFile } from './sitemap-files.js';
import { renderMonthSitemap, renderRobots, renderSitemapIndex } from './sitemaps.js';

export function registerSitemapRoutes(app: FastifyInstance, deps: PullOptions & { responder: Responder }): void {
  app.get('/sitemap.xml', (request, reply) => deps.responder.send(request, reply, () => renderSitemapIndex(deps)));
  app.get('/news-sitemap.xml', (request, reply) => deps.responder.send(request, reply, () => renderNewsSitemap(deps)));
  app.get('/robots.txt', (request, reply) => deps.responder.send(request, reply, async () => renderRobots(deps)));
  app.get<{ Params: { file: string } }>('/sitemaps/:file', (request, reply) =>
    deps.responder.send(request, reply, async () => {
      const file = parseMonthSitemapFile(request.params.file);
      if (file) return renderMonthSitemap(deps, file);
      return {
        status: 404,
        body: 'No such sitemap.\n',
        contentType: 'text/plain; charset=utf-8',
        tags: ['list:home'],
        cacheControl: 'public, max-age=30',
      };
    }),
  );
}
