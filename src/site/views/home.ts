import type { Section, Story } from '../../core/story.js';
import { articlePath, sectionPath } from '../../core/urls.js';
import { forYouSlot } from './fragment.js';
import { html, type SafeHtml } from './html.js';
import { jsonLdScript, webSiteJsonLd } from './json-ld.js';
import { languageAlternates, languageNav } from './languages.js';
import { renderLayout } from './layout.js';
import { headlineList, imageSizes, picture, storyLangAttrs, type TeaserStory, teaserList } from './teaser.js';
import type { ViewContext } from './view-context.js';

export interface HomeData {
  lead?: Story;
  latest: Story[];
  sectionBlocks: Array<{ section: Section; stories: Story[] }>;
  mostRead: TeaserStory[];
  /** The primary languages of published stories (those other than the site's get a link). */
  languages: string[];
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * What each block of the home page shows, so that no story appears in more than two blocks
 * (the breaking strip counts): the lead, then the ten latest, then "Most read", then four per
 * section from stories not shown higher up, for a page that is not the same few stories again.
 */
export function arrangeHome(input: {
  breaking: Story[];
  lead?: Story;
  latest: Story[];
  mostRead: TeaserStory[];
  sectionBlocks: Array<{ section: Section; stories: Story[] }>;
}): Omit<HomeData, 'languages'> {
  const blocksOf = new Map<string, number>();
  const show = <T extends { id: string }>(
    stories: T[],
    { limit, prefersFresh = false }: { limit: number; prefersFresh?: boolean },
  ): T[] => {
    const allowed = stories.filter((s) => (blocksOf.get(s.id) ?? 0) < 2);
    // A section block takes stories not shown yet first, then (on a small site) the others.
    const picked = prefersFresh
      ? new Set([...allowed.filter((s) => !blocksOf.has(s.id)), ...allowed.filter((s) => blocksOf.has(s.id))].slice(0, limit))
      : new Set(allowed.slice(0, limit));
    const chosen = allowed.filter((s) => picked.has(s));
    for (const s of chosen) blocksOf.set(s.id, (blocksOf.get(s.id) ?? 0) + 1);
    return chosen;
  };
  show(input.breaking, { limit: input.breaking.length });
  const lead = input.lead ? show([input.lead], { limit: 1 })[0] : undefined;
  const latest = show(
    input.latest.filter((s) => s.id !== input.lead?.id),
    { limit: 10 },
  );
  const mostRead = show(input.mostRead, { limit: 5 });
  const sectionBlocks = input.sectionBlocks.map((b) => ({
    section: b.section,
    stories: show(b.stories, { limit: 4, prefersFresh: true }),
  }));
  return { lead: lead ?? input.lead, latest, mostRead, sectionBlocks };
}

/**
 * The lead: the newest urgent (1–2) story of the last day that has a picture, else the
 * newest story with a picture, else the newest story.
 */
export function pickLead(latest: Story[], now: Date): Story | undefined {
  const isRecent = (s: Story) => now.getTime() - Date.parse(s.publishedAt ?? s.firstcreated) <= dayMs;
  return latest.find((s) => s.hero && s.urgency !== undefined && s.urgency <= 2 && isRecent(s)) ?? latest.find((s) => s.hero) ?? latest[0];
}

function leadBlock(view: ViewContext, story: Story): SafeHtml {
  const langAttrs = storyLangAttrs(view, story);
  return html`<article class="lead-story wide">
${story.hero ? picture(story.hero, { alt: story.hero.alt ?? story.hero.caption ?? story.headline, sizes: imageSizes.lead, isPriority: true }) : ''}
<h2${langAttrs}><a href="${articlePath(story)}">${story.headline}</a></h2>
${story.standfirst ? html`<p class="standfirst"${langAttrs}>${story.standfirst}</p>` : ''}
<p class="meta">${view.format.time(story.publishedAt ?? story.firstcreated)}</p>
</article>`;
}

/** "Most read" (trending with time decay), server-side so it shows without JavaScript. */
export function mostReadBlock(view: ViewContext, stories: readonly TeaserStory[]): SafeHtml {
  return stories.length === 0
    ? html``
    : html`<section class="block" aria-labelledby="most-read-title" data-slot="most-read" data-items="${stories.map((s) => s.id).join(' ')}">
<h2 id="most-read-title">Most read</h2>
${headlineList(view, stories)}
</section>`;
}

export function renderHome(view: ViewContext, data: HomeData): SafeHtml {
  const main = html`<h1 class="visually-hidden">${view.site.name}</h1>
<div class="home-grid">
${data.lead ? leadBlock(view, data.lead) : html`<p class="wide">No stories have been published yet.</p>`}
${
  data.latest.length > 0
    ? html`<section class="block" aria-labelledby="latest-title">
<h2 id="latest-title">Latest</h2>
${headlineList(view, data.latest, { hasTime: true })}
</section>`
    : ''
}
${mostReadBlock(view, data.mostRead)}
${forYouSlot({ isWide: true })}
${data.sectionBlocks
  .filter((b) => b.stories.length > 0)
  .map(
    (b, i) => html`<section class="block section-block wide" aria-labelledby="section-title-${i}">
<h2 id="section-title-${i}"><a href="${sectionPath(b.section.slug)}">${b.section.name}</a></h2>
${teaserList(view, b.stories, { hasStandfirst: false, imageSizes: imageSizes.sectionBlock })}
</section>`,
  )}
</div>
${languageNav(view, data.languages)}`;
  return renderLayout(
    view,
    {
      path: '/',
      description: view.site.description,
      feedListPath: '/',
      head: html`${languageAlternates(view, data.languages)}${jsonLdScript(
        webSiteJsonLd({
          name: view.site.name,
          description: view.site.description,
          publicUrl: view.publicUrl,
          language: view.site.language,
        }),
      )}`,
    },
    main,
  );
}
