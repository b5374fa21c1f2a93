import type { FastifyInstance } from 'fastify';
import type { SiteContext } from '../site-context.js';
import { renderStaticPage } from '../views/static-page.js';
import { notFoundPage } from './errors.js';

/** `/page/{slug}`: static pages edited in the newsroom, cached like any page (a change is a `settings` event). */
export function registerPageRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { slug: string } }>('/page/:slug', (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const page = await ctx.store.pages.find(request.params.slug);
      if (!page) return notFoundPage(ctx, request);
      const loaded = await ctx.views.load();
      return { status: 200, body: renderStaticPage(loaded.view, page), tags: [`page:${page.slug}`, ...loaded.tags] };
    }),
  );
}
