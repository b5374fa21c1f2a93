import type { FastifyInstance } from 'fastify';
import type { SiteContext } from '../site-context.js';
import { pickLead, renderHome } from '../views/home.js';

/** Stories in the "Most read" block. */
export const mostReadCount = 5;

export function registerHomeRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/', (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const now = ctx.clock.now();
      const [loaded, latest, mostRead] = await Promise.all([
        ctx.views.load(),
        ctx.store.stories.listPublished({ limit: 30 }),
        ctx.recommender.mostRead({ limit: mostReadCount }),
      ]);
      const sections = loaded.view.sections;
      const blocks = await Promise.all(sections.map((section) => ctx.store.stories.listPublished({ section: section.slug, limit: 4 })));
      const lead = pickLead(latest.stories, now);
      const sectionBlocks = sections.map((section, i) => ({ section, stories: blocks[i]?.stories ?? [] }));
      const shown: Array<{ id: string }> = [...latest.stories, ...mostRead, ...sectionBlocks.flatMap((b) => b.stories)];
      return {
        status: 200,
        body: renderHome(loaded.view, {
          lead,
          latest: latest.stories.filter((s) => s !== lead).slice(0, 10),
          sectionBlocks,
          mostRead,
        }),
        tags: [
          'list:home',
          'most-read',
          ...sections.map((s) => `list:section:${s.slug}`),
          ...shown.map((s) => `story:${s.id}`),
          ...loaded.tags,
        ],
      };
    }),
  );
}
