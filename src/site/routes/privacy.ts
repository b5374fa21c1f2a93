import type { FastifyInstance } from 'fastify';
import { privacyPageBody, privacyPageSlug, privacyPageTitle } from '../privacy-text.js';
import type { SiteContext } from '../site-context.js';
import { html } from '../views/html.js';
import { renderLayout } from '../views/layout.js';
import { renderStaticPage } from '../views/static-page.js';

/**
 * `/page/privacy`: the privacy page an editor stored (newsroom pages), or else this default
 * text, which says what the reader signals keep and for how long.
 */
export function registerPrivacyRoute(app: FastifyInstance, ctx: SiteContext): void {
  const path = `/page/${privacyPageSlug}`;
  app.get(path, (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const [loaded, recommend, stored] = await Promise.all([
        ctx.views.load(),
        ctx.store.settings.get('recommend'),
        ctx.store.pages.find(privacyPageSlug),
      ]);
      if (stored) return { status: 200, body: renderStaticPage(loaded.view, stored), tags: [`page:${stored.slug}`, ...loaded.tags] };
      const main = html`<article class="static-page">
<h1>${privacyPageTitle}</h1>
${privacyPageBody({ siteName: loaded.view.site.name, retentionDays: recommend.retentionDays })}
</article>`;
      return {
        status: 200,
        body: renderLayout(loaded.view, { title: privacyPageTitle, path }, main),
        tags: ['page:privacy', ...loaded.tags],
      };
    }),
  );
}
