import type { FastifyInstance } from 'fastify';
import { primaryLanguage } from '../../core/story.js';
import { sectionPath } from '../../core/urls.js';
import type { SiteContext } from '../site-context.js';
import { notFoundPage } from './errors.js';
import { listQuery, renderList } from './list-route.js';

export function registerSectionRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { section: string } }>('/:section/', (request, reply) =>
    ctx.pages.send(
      request,
      reply,
      async () => {
        const slug = request.params.section;
        const loaded = await ctx.views.load();
        const [section, site] = await Promise.all([
          loaded.memo.get(`section:${slug}`, () => ctx.store.sections.findBySlug(slug)),
          loaded.memo.get('setting:site', () => ctx.store.settings.get('site')),
        ]);
        if (!section) return notFoundPage(ctx, request, ['settings']);
        return renderList(
          ctx,
          request,
          {
            title: section.name,
            listPath: sectionPath(section.slug),
            listTag: `list:section:${section.slug}`,
            // Stories in other languages are listed at /lang/{tag}/.
            filter: { section: section.slug, language: primaryLanguage(site.language) },
            activeSection: section.slug,
            mostReadSection: section.slug,
          },
          loaded,
        );
      },
      { query: listQuery },
    ),
  );
}
