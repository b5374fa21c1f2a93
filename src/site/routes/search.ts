import type { FastifyInstance } from 'fastify';
import { pageCount, pageSize, parsePage } from '../pagination.js';
import type { SiteContext } from '../site-context.js';
import { renderSearch } from '../views/search.js';
import { badRequestPage, notFoundPage } from './errors.js';
import { pageQuery } from './list-route.js';

const maxQueryLength = 200;

export function registerSearchRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/search', (request, reply) =>
    ctx.pages.send(
      request,
      reply,
      async () => {
        const raw = (request.query as Record<string, unknown> | undefined)?.q;
        const q = (typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '')
          .trim()
          .slice(0, maxQueryLength);
        const page = parsePage(pageQuery(request));
        if (page === undefined) return badRequestPage(ctx, request, 'The page number must be a whole number from 1.');
        const loaded = await ctx.views.load();
        const result = q
          ? await loaded.memo.get(`search:${page}:${q}`, () =>
              ctx.store.search.query({ q, limit: pageSize, offset: (page - 1) * pageSize }),
            )
          : { hits: [], total: 0 };
        if (q && page > 1 && result.hits.length === 0) return notFoundPage(ctx, request, ['search']);
        const body = renderSearch(loaded.view, { q, page, pageCount: pageCount(result.total), total: result.total, hits: result.hits });
        return { status: 200, body, tags: ['search', ...result.hits.map((h) => `story:${h.story.id}`), ...loaded.tags] };
      },
      { query: ['q', 'page'] },
    ),
  );
}
