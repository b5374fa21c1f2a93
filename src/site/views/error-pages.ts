import { html, type SafeHtml } from './html.js';
import { renderLayout } from './layout.js';
import type { ViewContext } from './view-context.js';

function errorPage(view: ViewContext, input: { path: string; title: string; body: SafeHtml }): SafeHtml {
  return renderLayout(
    view,
    { title: input.title, path: input.path, isNoindex: true },
    html`<div class="error-page">
<h1>${input.title}</h1>
${input.body}
<p><a href="/">Go to the home page</a> or <a href="/search">search our stories</a>.</p>
</div>`,
  );
}

export function renderNotFound(view: ViewContext, path: string): SafeHtml {
  return errorPage(view, {
    path,
    title: 'Page not found',
    body: html`<p>We could not find a page at this address. It may have moved, or the link may be mistyped.</p>`,
  });
}

export function renderGone(view: ViewContext, path: string): SafeHtml {
  return errorPage(view, {
    path,
    title: 'This story was withdrawn',
    body: html`<p>The story that was published at this address has been withdrawn and is no longer available.</p>`,
  });
}

export function renderBadRequest(view: ViewContext, path: string, reason: string): SafeHtml {
  return errorPage(view, { path, title: 'Bad request', body: html`<p>${reason}</p>` });
}

/** Never shows the error itself: it is logged, the reader gets an apology. */
export function renderServerError(view: ViewContext, path: string): SafeHtml {
  return errorPage(view, {
    path,
    title: 'Something went wrong',
    body: html`<p>Sorry, this page could not be shown because of a problem on our side. Please try again in a moment.</p>`,
  });
}
