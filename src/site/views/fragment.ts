import { html, type SafeHtml } from './html.js';
import { type TeaserStory, teaserList } from './teaser.js';
import type { ViewContext } from './view-context.js';

/**
 * The "Recommended for you" fragment: a bare list, inserted into the home page's slot.
 * `data-slot`/`data-items` let the site script log the impression (after consent).
 */
export function renderForYouFragment(view: ViewContext, stories: readonly TeaserStory[]): SafeHtml {
  return stories.length === 0
    ? html``
    : html`<div class="for-you" data-slot="for-you" data-items="${stories.map((s) => s.id).join(' ')}">${teaserList(view, stories, { hasStandfirst: false })}</div>`;
}

/** The empty "Recommended for you" slot that the site script fills from `/fragments/for-you`. */
export function forYouSlot(options: { isWide?: boolean } = {}): SafeHtml {
  return html`<section id="for-you" class="block${options.isWide ? ' wide' : ''}" aria-labelledby="for-you-title" data-fragment="/fragments/for-you" hidden>
<h2 id="for-you-title">Recommended for you</h2>
<div data-fragment-target></div>
</section>`;
}
