import type { FastifyInstance } from 'fastify';
import { privacyPageBody, privacyPageSlug, privacyPageTitle } from '../privacy-text.js';
import type { SiteContext } from '../site-context.js';
import { html } from '../views/html.js';
import { renderLayout } from '../views/layout.js';

/** `/page/privacy`: a plain route until static pages are editable (then its text is their default). */
export function registerPrivacyRoute(app: FastifyInstance, ctx: SiteContext): void {
  const path = `/page/${privacyPageSlug}`;
  app.get(path, (request, reply) =>
    ctx.pages.send(request, reply, async () => {
      const [loaded, recommend] = await Promise.all([ctx.views.load(), ctx.store.settings.get('recommend')]);
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
