import { renditionPath, srcsetFor, widthsFor } from '../../core/renditions.js';
import type { HeroImage, Story } from '../../core/story.js';

/** What a teaser shows: a story without its body (the recommenders hold no bodies). */
export type TeaserStory = Omit<Story, 'bodyHtml'>;

import { textDirection } from '../../core/story.js';
import { articlePath, mediaPath } from '../../core/urls.js';
import { langAttr } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { ViewContext } from './view-context.js';

/**
 * `sizes` of each place a picture appears, matching site.css: the page is at most 72rem wide
 * with 1rem of padding each side; the article is at most 38rem; teaser lists have two columns
 * from 48rem, the home page's section blocks four from 64rem (1.25rem gaps).
 */
export const imageSizes = {
  hero: '(min-width: 40rem) 38rem, calc(100vw - 2rem)',
  lead: '(min-width: 72rem) 70rem, calc(100vw - 2rem)',
  teaser: '(min-width: 72rem) 550px, (min-width: 48rem) calc(50vw - 1.7rem), calc(100vw - 2rem)',
  sectionBlock:
    '(min-width: 72rem) 265px, (min-width: 64rem) calc(25vw - 1.5rem), (min-width: 48rem) calc(50vw - 1.7rem), calc(100vw - 2rem)',
} as const;

/** The JPEG for browsers that read no `srcset`: the rendition nearest 640 px, never upscaled. */
function fallbackWidth(width: number): number {
  const widths = widthsFor(width);
  return widths.find((w) => w >= 640) ?? widths[widths.length - 1] ?? width;
}

/**
 * A picture in AVIF and WebP with a JPEG `<img>`, each at every rendition width
 * (core/renditions.ts), with `sizes` for where it is shown. The `<img>` carries width and
 * height (no layout shift). The first screen's main picture (`isPriority`) loads at once with
 * high priority; every other one lazily.
 */
export function picture(image: HeroImage, options: { alt: string; sizes: string; className?: string; isPriority?: boolean }): SafeHtml {
  const { mediaId, width } = image;
  const loading = options.isPriority ? html` loading="eager" fetchpriority="high"` : html` loading="lazy" decoding="async"`;
  const className = options.className ? html` class="${options.className}"` : '';
  // A picture of unknown size has no renditions: the stored file, as it is.
  if (widthsFor(width).length === 0) return html`<img${className} src="${mediaPath(mediaId)}" alt="${options.alt}"${loading}>`;
  return html`<picture><source type="image/avif" srcset="${srcsetFor(mediaId, width, 'avif')}" sizes="${options.sizes}"><source type="image/webp" srcset="${srcsetFor(mediaId, width, 'webp')}" sizes="${options.sizes}"><img${className} src="${renditionPath(mediaId, fallbackWidth(width), 'jpeg')}" srcset="${srcsetFor(mediaId, width, 'jpeg')}" sizes="${options.sizes}" width="${image.width}" height="${image.height}" alt="${options.alt}"${loading}></picture>`;
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
  /** `sizes` of the teasers' pictures (`imageSizes.teaser` by default). */
  imageSizes?: string;
}

export function teaser(view: ViewContext, story: TeaserStory, options: TeaserOptions = {}): SafeHtml {
  const level = options.headingLevel ?? 3;
  // Only the story's own words carry its language; the date stays in the site's.
  const langAttrs = storyLangAttrs(view, story);
  const link = html`<a href="${articlePath(story)}">${story.headline}</a>`;
  const heading = level === 2 ? html`<h2${langAttrs}>${link}</h2>` : html`<h3${langAttrs}>${link}</h3>`;
  const image =
    options.hasImage !== false && story.hero
      ? picture(story.hero, { alt: story.hero.alt ?? story.hero.caption ?? story.headline, sizes: options.imageSizes ?? imageSizes.teaser })
      : '';
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
