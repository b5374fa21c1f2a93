import type { FastifyInstance } from 'fastify';
import { primaryLanguage } from '../../core/story.js';
import { articlePath } from '../../core/urls.js';
import { loadReadAlso } from '../read-also-loader.js';
import type { SiteContext } from '../site-context.js';
import { renderArticle } from '../views/article.js';
import { gonePage, notFoundPage, redirectPage } from './errors.js';

interface ArticleParams {
  section: string;
  yyyy: string;
  mm: string;
  dd: string;
  slug: string;
}

const decodePath = (path: string) => {
  try {
    return decodeURIComponent(path).normalize('NFC');
  } catch {
    return path;
  }
};

export function registerArticleRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: ArticleParams }>('/:section/:yyyy/:mm/:dd/:slug', (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      // Fastify has already decoded the percent-encoding of the slug.
      const { yyyy, mm, dd } = request.params;
      const slug = request.params.slug.normalize('NFC');
      const loaded = await ctx.views.load();
      const { memo } = loaded;
      const story = await memo.get(`story:${yyyy}-${mm}-${dd}/${slug}`, () => ctx.store.stories.findBySlug(slug, `${yyyy}-${mm}-${dd}`));
      if (!story) return notFoundPage(ctx, request);
      if (story.state === 'killed') return gonePage(ctx, request, story.id);
      // Checked before the redirect, so that a hidden story's new address does not leak.
      if (story.state !== 'published') return notFoundPage(ctx, request, [`story:${story.id}`]);
      const canonical = articlePath(story);
      // Compare decoded: `%C3%A9`, `%c3%a9` and a raw `é` are the same address.
      if (decodePath(request.url.split('?')[0] ?? '') !== decodePath(canonical)) {
        return redirectPage(canonical, [`story:${story.id}`]);
      }
      const section = story.section;
      const language = primaryLanguage(story.language);
      const [authors, source, callouts, sectionLatest, readAlso] = await Promise.all([
        memo.get(`authors:${story.authorSlugs.join(' ')}`, () => ctx.store.authors.findBySlugs(story.authorSlugs)),
        memo.get(`source:${story.sourceId}`, () => ctx.store.sources.findBySlug(story.sourceId)),
        memo.get('setting:callouts', () => ctx.store.settings.get('callouts')),
        section
          ? memo.get(`latest:${section}:${language}`, () => ctx.store.stories.listLatest({ section, language, limit: 5 }))
          : undefined,
        loadReadAlso(ctx, story, memo),
      ]);
      const moreFromSection = (sectionLatest ?? []).filter((s) => s.id !== story.id).slice(0, 4);
      const order = new Map(story.authorSlugs.map((slug, i) => [slug, i]));
      // A copy: the memo's list is shared with other renders.
      const byline = [...authors].sort((a, b) => (order.get(a.slug) ?? 0) - (order.get(b.slug) ?? 0));
      return {
        status: 200,
        body: renderArticle(loaded.view, { story, authors: byline, source, callouts, moreFromSection, readAlso: readAlso.data }),
        // Not the section's list tag: every publish in the section would re-render all its
        // articles. A story shown here that changes or dies purges the page through its own tag,
        // and so does every story "Read also" links.
        tags: [`story:${story.id}`, ...moreFromSection.map((s) => `story:${s.id}`), ...readAlso.tags, ...loaded.tags],
      };
    }),
  );
}
