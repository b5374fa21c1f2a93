import type { FastifyInstance } from 'fastify';
import { createPreviewTokens } from '../../http/preview-token.js';
import type { SiteContext } from '../site-context.js';
import { renderArticle } from '../views/article.js';
import { notFoundPage } from './errors.js';

/**
 * `/preview/{token}`: a story in any state as the reader will see it, for the newsroom's
 * signed, expiring links. Never cached (not through the page cache, `no-store`) and never
 * indexed (`noindex` in the page and in `X-Robots-Tag`).
 */
export function registerPreviewRoute(app: FastifyInstance, ctx: SiteContext): void {
  const tokens = createPreviewTokens({ store: ctx.store });
  app.get<{ Params: { token: string } }>('/preview/:token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    const storyId = await tokens.verify(request.params.token, ctx.clock.now());
    const story = storyId ? await ctx.store.stories.findById(storyId) : undefined;
    if (!story) {
      const page = await notFoundPage(ctx, request);
      return reply.code(404).type('text/html; charset=utf-8').send(String(page.body));
    }
    const [loaded, authors, source, callouts] = await Promise.all([
      ctx.views.load(),
      ctx.store.authors.findBySlugs(story.authorSlugs),
      ctx.store.sources.findBySlug(story.sourceId),
      ctx.store.settings.get('callouts'),
    ]);
    const order = new Map(story.authorSlugs.map((slug, i) => [slug, i]));
    authors.sort((a, b) => (order.get(a.slug) ?? 0) - (order.get(b.slug) ?? 0));
    const body = renderArticle(loaded.view, { story, authors, source, callouts, isPreview: true });
    return reply.type('text/html; charset=utf-8').send(String(body));
  });
}
