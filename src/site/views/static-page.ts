import type { Page } from '../../core/story.js';
import { html, raw, type SafeHtml } from './html.js';
import { renderLayout } from './layout.js';
import type { ViewContext } from './view-context.js';

/** A static page (About, Contact, Privacy…) in the site's layout; its body passed the allowlist when written. */
export function renderStaticPage(view: ViewContext, page: Page): SafeHtml {
  return renderLayout(
    view,
    { title: page.title, path: `/page/${encodeURIComponent(page.slug)}` },
    html`<article class="static-page">
<h1>${page.title}</h1>
<div class="body">${raw(page.bodyHtml)}</div>
</article>`,
  );
}
