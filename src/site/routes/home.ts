import type { FastifyInstance } from 'fastify';
import type { Story } from '../../core/story.js';
import { foldClusters } from '../read-also-loader.js';
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
        // Twice as many as shown, so that folding clusters still leaves four.
        Promise.all(sections.map((section) => ctx.store.stories.listPublished({ section: section.slug, limit: 8 }))),
        ctx.store.stories.findByIds(mostReadIds),
      ]);
      // One entry per story cluster: another agency's copy of a story, or its follow-up, is folded.
      const latestStories = foldClusters(ctx, latest.stories);
      const lead = pickLead(latestStories, now);
      const mostRead = foldClusters(
        ctx,
        mostReadStories.filter((s) => s.state === 'published'),
      );
      const sectionBlocks = sections.map((section, i) => ({ section, stories: foldClusters(ctx, blocks[i]?.stories ?? []).slice(0, 4) }));
      const shown: Story[] = [...latestStories, ...mostRead, ...sectionBlocks.flatMap((b) => b.stories)];
      return {
        status: 200,
        body: renderHome(loaded.view, {
          lead,
          latest: latestStories.filter((s) => s !== lead).slice(0, 10),
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
