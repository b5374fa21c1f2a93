import type { FastifyInstance } from 'fastify';
import { primaryLanguage } from '../../core/story.js';
import { foldClusters } from '../read-also-loader.js';
import type { SiteContext } from '../site-context.js';
import { arrangeHome, pickLead, renderHome } from '../views/home.js';

/** Stories in the "Most read" block. */
export const mostReadCount = 5;

export function registerHomeRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/', (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const now = ctx.clock.now();
      const loaded = await ctx.views.load();
      // The home page is in the site's language; the others have their pages (/lang/{tag}/).
      const language = primaryLanguage(loaded.view.site.language);
      const sections = loaded.view.sections;
      const [[latest, blocks, languages], mostRead] = await Promise.all([
        loaded.memo.get(`home:${language}`, () =>
          Promise.all([
            ctx.store.stories.listLatest({ limit: 30, language }),
            // More than the four shown: those already higher on the page make way (see arrangeHome).
            Promise.all(sections.map((section) => ctx.store.stories.listLatest({ section: section.slug, limit: 16, language }))),
            ctx.store.stories.publishedLanguages(),
          ]),
        ),
        ctx.recommender.mostRead({ limit: mostReadCount * 2 }),
      ]);
      // One entry per story cluster: another agency's copy of a story, or its follow-up, is folded
      // into the newest of them (each list is newest first, so every block picks the same one).
      const latestStories = foldClusters(ctx, latest);
      const arranged = arrangeHome({
        breaking: loaded.view.breaking,
        lead: pickLead(latestStories, now),
        latest: latestStories,
        mostRead: foldClusters(
          ctx,
          mostRead.filter((s) => primaryLanguage(s.language) === language),
        ),
        sectionBlocks: sections.map((section, i) => ({ section, stories: foldClusters(ctx, blocks[i] ?? []) })),
      });
      const shown: Array<{ id: string }> = [...arranged.latest, ...arranged.mostRead, ...arranged.sectionBlocks.flatMap((b) => b.stories)];
      if (arranged.lead) shown.push(arranged.lead);
      return {
        status: 200,
        body: renderHome(loaded.view, { ...arranged, languages: languages.map((l) => l.language) }),
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
