import type { FastifyInstance } from 'fastify';
import { primaryLanguage } from '../../core/story.js';
import { languagePath } from '../../core/urls.js';
import type { SiteContext } from '../site-context.js';
import { languageAlternates, languageName } from '../views/languages.js';
import { notFoundPage, redirectPage } from './errors.js';
import { listQuery, renderList } from './list-route.js';

/** `/lang/{tag}/`: the stories in a language other than the site's, newest first, with feeds. */
export function registerLanguageRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { tag: string } }>('/lang/:tag/', (request, reply) =>
    ctx.pages.send(
      request,
      reply,
      async () => {
        const language = request.params.tag.toLowerCase();
        const [loaded, languages] = await Promise.all([ctx.views.load(), ctx.store.stories.publishedLanguages()]);
        if (language === primaryLanguage(loaded.view.site.language)) return redirectPage('/', ['settings']);
        if (!/^[a-z]{2,3}$/.test(language) || !languages.some((l) => l.language === language)) {
          return notFoundPage(ctx, request, [`list:lang:${language}`, 'settings']);
        }
        const carried = languages.map((l) => l.language);
        const rendered = await renderList(ctx, request, {
          title: languageName(language),
          description: `Stories in ${new Intl.DisplayNames([loaded.view.site.language], { type: 'language' }).of(language) ?? language}.`,
          listPath: languagePath(language),
          listTag: `list:lang:${language}`,
          filter: { language },
          head: languageAlternates(loaded.view, carried),
        });
        // A language appearing or leaving changes the alternates: every publish touches `list:home`.
        return { ...rendered, tags: [...rendered.tags, 'list:home'] };
      },
      { query: listQuery },
    ),
  );
}
