import { primaryLanguage, textDirection } from '../../core/story.js';
import { absoluteUrl, languagePath } from '../../core/urls.js';
import { html, type SafeHtml } from './html.js';
import type { ViewContext } from './view-context.js';

/** A language's name in itself ("français", "العربية"), for links readers of it recognise. */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/**
 * `hreflang` links between the home page (the site's language) and each `/lang/{tag}/` page,
 * and only between those: an article exists in one language.
 */
export function languageAlternates(view: Pick<ViewContext, 'publicUrl' | 'site'>, languages: string[]): SafeHtml {
  const site = primaryLanguage(view.site.language);
  const links = [
    html`<link rel="alternate" hreflang="${site}" href="${absoluteUrl(view.publicUrl, '/')}">`,
    ...languages
      .filter((l) => l !== site)
      .map((l) => html`<link rel="alternate" hreflang="${l}" href="${absoluteUrl(view.publicUrl, languagePath(l))}">`),
  ];
  return html`${links.map((link) => html`${link}\n`)}`;
}

/** The links to the other languages' pages, each named in its own language. */
export function languageNav(view: Pick<ViewContext, 'site'>, languages: string[]): SafeHtml {
  const others = languages.filter((l) => l !== primaryLanguage(view.site.language));
  if (others.length === 0) return html``;
  return html`<nav class="languages" aria-label="Other languages"><ul>${others.map(
    (l) => html`<li><a href="${languagePath(l)}" hreflang="${l}" lang="${l}" dir="${textDirection(l)}">${languageName(l)}</a></li>`,
  )}</ul></nav>`;
}
