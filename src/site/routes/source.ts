import type { FastifyInstance } from 'fastify';
import { sourcePath } from '../../core/urls.js';
import type { SiteContext } from '../site-context.js';
import { html } from '../views/html.js';
import { notFoundPage } from './errors.js';
import { listQuery, renderList } from './list-route.js';

export function registerSourceRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { slug: string } }>('/source/:slug', (request, reply) =>
    ctx.pages.send(
      request,
      reply,
      async () => {
        const source = await ctx.store.sources.findBySlug(request.params.slug);
        if (!source) return notFoundPage(ctx, request, [`list:source:${request.params.slug}`]);
        return renderList(ctx, request, {
          title: source.name,
          description: `Stories from ${source.name}.`,
          listPath: sourcePath(source.slug),
          listTag: `list:source:${source.slug}`,
          filter: { source: source.slug },
          intro: () => (source.usageNotice ? html`<p class="intro">${source.usageNotice}</p>` : html``),
        });
      },
      { query: listQuery },
    ),
  );
}
