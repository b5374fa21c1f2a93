import { articlePath, searchPath, withPage } from '../../core/urls.js';
import type { SearchHit } from '../../store/types.js';
import { html, raw, type SafeHtml } from './html.js';
import { renderLayout } from './layout.js';
import { paginationNav } from './list-page.js';
import { storyLangAttrs } from './teaser.js';
import type { ViewContext } from './view-context.js';

export interface SearchPageData {
  q: string;
  page: number;
  pageCount: number;
  total: number;
  hits: SearchHit[];
}

export function renderSearch(view: ViewContext, data: SearchPageData): SafeHtml {
  const listPath = data.q ? searchPath(data.q) : '/search';
  const form = html`<form class="search-form" role="search" aria-label="Search this site" action="/search" method="get">
<label for="search-q">Search stories</label>
<input id="search-q" type="search" name="q" value="${data.q}">
<button type="submit">Search</button>
</form>`;
  const results = !data.q
    ? ''
    : data.hits.length === 0
      ? html`<p>No stories match “${data.q}”.</p>`
      : html`<p class="meta">${data.total} ${data.total === 1 ? 'result' : 'results'} for “${data.q}”</p>
<ol class="results">${data.hits.map(
          (hit) => html`<li>
<h2${storyLangAttrs(view, hit.story)}><a href="${articlePath(hit.story)}">${hit.story.headline}</a></h2>
<p${storyLangAttrs(view, hit.story)}>${raw(hit.snippetHtml)}</p>
<p class="meta">${view.format.time(hit.story.publishedAt ?? hit.story.firstcreated)}</p>
</li>`,
        )}</ol>
${paginationNav(listPath, data.page, data.pageCount)}`;
  const main = html`<h1 class="page-title">${data.q ? `Search: ${data.q}` : 'Search'}</h1>
${form}
${results}`;
  return renderLayout(
    view,
    {
      title: data.q ? `Search: ${data.q}` : 'Search',
      path: withPage(listPath, data.page),
      // Result pages are endless and thin; keep them out of search engines.
      isNoindex: true,
      prevPath: data.page > 1 ? withPage(listPath, data.page - 1) : undefined,
      nextPath: data.page < data.pageCount ? withPage(listPath, data.page + 1) : undefined,
    },
    main,
  );
}
