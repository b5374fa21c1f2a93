import type { FastifyInstance } from 'fastify';
import type { Story } from '../../core/story.js';
import type { SiteContext } from '../site-context.js';
import { pickLead, renderHome } from '../views/home.js';

export const mostReadWindowMs = 48 * 60 * 60 * 1000;

export function registerHomeRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/', (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const now = ctx.clock.now();
      const [loaded, latest, mostReadIds] = await Promise.all([
        ctx.views.load(),
        ctx.store.stories.listPublished({ limit: 30 }),
        ctx.store.views.mostRead({ since: new Date(now.getTime() - mostReadWindowMs), limit: 5 }),
      ]);
      const sections = loaded.view.sections;
      const [blocks, mostReadStories] = await Promise.all([
        Promise.all(sections.map((section) => ctx.store.stories.listPublished({ section: section.slug, limit: 4 }))),
        ctx.store.stories.findByIds(mostReadIds),
      ]);
      const lead = pickLead(latest.stories, now);
      const mostRead = mostReadStories.filter((s) => s.state === 'published');
      const sectionBlocks = sections.map((section, i) => ({ section, stories: blocks[i]?.stories ?? [] }));
      const shown: Story[] = [...latest.stories, ...mostRead, ...sectionBlocks.flatMap((b) => b.stories)];
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
