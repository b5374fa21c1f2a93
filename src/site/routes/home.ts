import type { FastifyInstance } from 'fastify';
import { primaryLanguage } from '../../core/story.js';
import type { SiteContext } from '../site-context.js';
import { pickLead, renderHome } from '../views/home.js';

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
      const [latest, mostRead, blocks, languages] = await Promise.all([
        ctx.store.stories.listPublished({ limit: 30, language }),
        ctx.recommender.mostRead({ limit: mostReadCount }),
        Promise.all(sections.map((section) => ctx.store.stories.listPublished({ section: section.slug, limit: 4, language }))),
        ctx.store.stories.publishedLanguages(),
      ]);
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
          languages: languages.map((l) => l.language),
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
