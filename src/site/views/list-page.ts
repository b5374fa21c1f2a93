import type { Story } from '../../core/story.js';
import { absoluteUrl, articlePath, withPage } from '../../core/urls.js';
import { html, type SafeHtml } from './html.js';
import { collectionPageJsonLd, jsonLdScript } from './json-ld.js';
import { renderLayout } from './layout.js';
import { teaserList } from './teaser.js';
import type { ViewContext } from './view-context.js';

export interface ListPageData {
  title: string;
  description?: string;
  /** Path of page 1 (`/world/`, `/tag/climate`). */
  listPath: string;
  page: number;
  pageCount: number;
  stories: Story[];
  /** Author card or source notice above the list. */
  intro?: SafeHtml;
  activeSection?: string;
  /** Extra head markup (the language pages' `hreflang` links). */
  head?: SafeHtml;
  /** A block after the list ("Most read" of a section). */
  aside?: SafeHtml;
}

export function paginationNav(listPath: string, page: number, pageCount: number): SafeHtml {
  if (pageCount <= 1) return html``;
  return html`<nav class="pagination" aria-label="Pages">
${page > 1 ? html`<a rel="prev" href="${withPage(listPath, page - 1)}">← Newer stories</a>` : html`<span></span>`}
<span class="meta">Page ${page} of ${pageCount}</span>
${page < pageCount ? html`<a rel="next" href="${withPage(listPath, page + 1)}">Older stories →</a>` : html`<span></span>`}
</nav>`;
}

export function renderListPage(view: ViewContext, data: ListPageData): SafeHtml {
  const main = html`<h1 class="page-title">${data.title}</h1>
${data.intro ?? ''}
${data.stories.length > 0 ? teaserList(view, data.stories, { headingLevel: 2 }) : html`<p>No stories yet.</p>`}
${paginationNav(data.listPath, data.page, data.pageCount)}
${data.aside ?? ''}`;
  return renderLayout(
    view,
    {
      title: data.page > 1 ? `${data.title} (page ${data.page})` : data.title,
      description: data.description,
      path: withPage(data.listPath, data.page),
      prevPath: data.page > 1 ? withPage(data.listPath, data.page - 1) : undefined,
      nextPath: data.page < data.pageCount ? withPage(data.listPath, data.page + 1) : undefined,
      feedListPath: data.listPath,
      activeSection: data.activeSection,
      head: html`${data.head ?? ''}${jsonLdScript(
        collectionPageJsonLd({
          name: data.title,
          url: absoluteUrl(view.publicUrl, withPage(data.listPath, data.page)),
          publicUrl: view.publicUrl,
          stories: data.stories.map((s) => ({ url: absoluteUrl(view.publicUrl, articlePath(s)) })),
        }),
      )}`,
    },
    main,
  );
}
