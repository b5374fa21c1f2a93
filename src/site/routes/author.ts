import type { FastifyInstance } from 'fastify';
import { authorPath, mediaPath } from '../../core/urls.js';
import type { SiteContext } from '../site-context.js';
import { html, safeHref } from '../views/html.js';
import { notFoundPage } from './errors.js';
import { listQuery, renderList } from './list-route.js';

export function registerAuthorRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { slug: string } }>('/author/:slug', (request, reply) =>
    ctx.pages.send(
      request,
      reply,
      async () => {
        const author = await ctx.store.authors.findBySlug(request.params.slug);
        if (!author) return notFoundPage(ctx, request, [`list:author:${request.params.slug}`]);
        return renderList(ctx, request, {
          title: author.name,
          description: author.bio ?? `Stories by ${author.name}.`,
          listPath: authorPath(author.slug),
          listTag: `list:author:${author.slug}`,
          filter: { author: author.slug },
          intro: (view) => html`<div class="profile">
<img class="avatar" src="${author.avatarMediaId ? mediaPath(author.avatarMediaId) : view.assets.avatar}" width="64" height="64" alt="" loading="lazy" decoding="async">
<div>${author.role ? html`<p class="role">${author.role}</p>` : ''}${author.bio ? html`<p>${author.bio}</p>` : ''}${
            author.links?.length
              ? html`<ul class="profile-links">${author.links.map((link) => html`<li><a href="${safeHref(link.href)}" rel="me noopener">${link.label}</a></li>`)}</ul>`
              : ''
          }</div>
</div>`,
        });
      },
      { query: listQuery },
    ),
  );
}
