import type { FastifyInstance } from 'fastify';
import { sectionPath } from '../../core/urls.js';
import type { SiteContext } from '../site-context.js';
import { notFoundPage } from './errors.js';
import { renderList } from './list-route.js';

export function registerSectionRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { section: string } }>('/:section/', (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const section = await ctx.store.sections.findBySlug(request.params.section);
      if (!section) return notFoundPage(ctx, request, ['settings']);
      return renderList(ctx, request, {
        title: section.name,
        listPath: sectionPath(section.slug),
        listTag: `list:section:${section.slug}`,
        filter: { section: section.slug },
        activeSection: section.slug,
        mostReadSection: section.slug,
      });
    }),
  );
}
