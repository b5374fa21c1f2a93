import type { HeroImage, Story } from '../../core/story.js';

/** What a teaser shows: a story without its body (the recommenders hold no bodies). */
export type TeaserStory = Omit<Story, 'bodyHtml'>;

import { textDirection } from '../../core/story.js';
import { articlePath, mediaPath } from '../../core/urls.js';
import { langAttr } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { ViewContext } from './view-context.js';

/** Every <img> carries width and height (no layout shift) and loads lazily. */
export function picture(image: HeroImage, options: { alt: string; className?: string; isPriority?: boolean }): SafeHtml {
  return html`<img${options.className ? html` class="${options.className}"` : ''} src="${mediaPath(image.mediaId)}" width="${image.width}" height="${image.height}" alt="${options.alt}" loading="lazy" decoding="async"${options.isPriority ? html` fetchpriority="high"` : ''}>`;
}

/** `lang`/`dir` for a story shown inside a page in another language. */
export function storyLangAttrs(view: ViewContext, story: TeaserStory): SafeHtml {
  const lang = langAttr(story.language, view.site.language);
  return lang === view.site.language ? html`` : html` lang="${lang}" dir="${textDirection(lang)}"`;
}

export interface TeaserOptions {
  headingLevel?: 2 | 3;
  hasImage?: boolean;
  hasStandfirst?: boolean;
}

export function teaser(view: ViewContext, story: TeaserStory, options: TeaserOptions = {}): SafeHtml {
  const level = options.headingLevel ?? 3;
  // Only the story's own words carry its language; the date stays in the site's.
  const langAttrs = storyLangAttrs(view, story);
  const link = html`<a href="${articlePath(story)}">${story.headline}</a>`;
  const heading = level === 2 ? html`<h2${langAttrs}>${link}</h2>` : html`<h3${langAttrs}>${link}</h3>`;
  const image =
    options.hasImage !== false && story.hero ? picture(story.hero, { alt: story.hero.alt ?? story.hero.caption ?? story.headline }) : '';
  return html`<li class="teaser">
${image}${heading}
<p class="meta">${view.format.time(story.publishedAt ?? story.firstcreated)}</p>
${options.hasStandfirst !== false && story.standfirst ? html`<p${langAttrs}>${story.standfirst}</p>` : ''}
</li>`;
}

export function teaserList(view: ViewContext, stories: readonly TeaserStory[], options: TeaserOptions = {}): SafeHtml {
  return html`<ul class="teasers">${stories.map((s) => teaser(view, s, options))}</ul>`;
}

/** A numbered list of headlines (Latest, Most read). */
export function headlineList(view: ViewContext, stories: readonly TeaserStory[], options: { hasTime?: boolean } = {}): SafeHtml {
  return html`<ol class="ranked">${stories.map(
    (s) =>
      html`<li><a href="${articlePath(s)}"${storyLangAttrs(view, s)}>${s.headline}</a>${
        options.hasTime ? html` <span class="meta">${view.format.time(s.publishedAt ?? s.firstcreated)}</span>` : ''
      }</li>`,
  )}</ol>`;
}
