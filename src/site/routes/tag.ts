import type { FastifyInstance } from 'fastify';
import { tagPath } from '../../core/urls.js';
import type { SiteContext } from '../site-context.js';
import { notFoundPage } from './errors.js';
import { listQuery, renderList } from './list-route.js';

export function registerTagRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { slug: string } }>('/tag/:slug', (request, reply) =>
    ctx.pages.send(
      request,
      reply,
      async () => {
        const tag = await ctx.store.stories.findTag(request.params.slug);
        if (!tag) return notFoundPage(ctx, request, [`list:tag:${request.params.slug}`]);
        return renderList(ctx, request, {
          title: tag.name,
          description: `Stories about ${tag.name}.`,
          listPath: tagPath(tag.slug),
          listTag: `list:tag:${tag.slug}`,
          filter: { tag: tag.slug },
        });
      },
      { query: listQuery },
    ),
  );
}
