import type { SettingValue } from '../../core/settings-catalogue.js';
import { primaryLanguage, type Story, textDirection } from '../../core/story.js';
import { articlePath } from '../../core/urls.js';
import { html, type SafeHtml } from './html.js';
import { messagesFor } from './messages.js';
import { headlineList, storyLangAttrs } from './teaser.js';
import type { ViewContext } from './view-context.js';

/** The related stories of an article, best first, and where the `readAlso` setting puts them. */
export interface ReadAlsoData {
  stories: Story[];
  setting: SettingValue<'readAlso'>;
}

/**
 * The inline asides: the first `linksPerAside` stories in the first, the next ones in the second…
 * An aside only when it has a link (DESIGN "Headers and markup": one or more `<a href>`).
 */
export function readAlsoAsides(view: ViewContext, data: ReadAlsoData, articleLang: string): SafeHtml[] {
  const per = data.setting.linksPerAside;
  // Inside an article in another language the aside speaks the site's (its label, most links).
  const siteLang = view.site.language;
  const attrs =
    primaryLanguage(articleLang) === primaryLanguage(siteLang) ? '' : html` lang="${siteLang}" dir="${textDirection(siteLang)}"`;
  const m = messagesFor(siteLang);
  const asides: SafeHtml[] = [];
  for (let i = 0; i < data.setting.afterParagraphs.length; i++) {
    const stories = data.stories.slice(i * per, (i + 1) * per);
    if (stories.length === 0) break;
    asides.push(
      html`<aside class="read-also"${attrs} aria-label="${m.readAlso}"><p class="read-also-label">${m.readAlso}</p><ul>${stories.map(
        (s) => html`<li><a href="${articlePath(s)}"${storyLangAttrs(view, s)}>${s.headline}</a></li>`,
      )}</ul></aside>`,
    );
  }
  return asides;
}

/** The related-stories list under the story. */
export function relatedList(view: ViewContext, data: ReadAlsoData): SafeHtml {
  const stories = data.stories.slice(0, data.setting.listLength);
  if (stories.length === 0) return html``;
  return html`<section class="related" aria-labelledby="related-title">
<h2 id="related-title">${messagesFor(view.site.language).related}</h2>
${headlineList(view, stories, { hasTime: true })}
</section>`;
}
