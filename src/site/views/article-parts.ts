import { parseByline } from '../../core/byline.js';
import { type Author, type Source, type Story, textDirection } from '../../core/story.js';
import { authorPath, mediaPath, sourcePath, tagPath } from '../../core/urls.js';
import { html, type SafeHtml } from './html.js';
import { photoCreditText } from './json-ld.js';
import type { Messages } from './messages.js';
import { headlineList, imageSizes, picture } from './teaser.js';
import type { ViewContext } from './view-context.js';

export const heroAlt = (story: Story) => story.hero?.alt ?? story.hero?.caption ?? story.headline;

export function heroFigure(story: Story, source: Source | undefined, m: Messages): SafeHtml {
  const hero = story.hero;
  if (!hero) return html``;
  const credit = photoCreditText(hero.photographer, hero.creditSource ?? source?.photoCredit);
  return html`<figure class="hero">
${picture(hero, { alt: heroAlt(story), sizes: imageSizes.hero, isPriority: true })}
${hero.caption || credit ? html`<figcaption>${hero.caption ?? ''}${hero.caption && credit ? ' ' : ''}${credit ? html`<span class="credit">${m.photo} ${credit}</span>` : ''}</figcaption>` : ''}
</figure>`;
}

export function sourceLine(story: Story, source: Source | undefined, m: Messages): SafeHtml {
  return html`<p class="source">${m.source} <a href="${sourcePath(story.sourceId)}">${source?.name ?? story.sourceId}</a></p>`;
}

export function timesLine(view: ViewContext, story: Story, m: Messages): SafeHtml {
  const published = story.publishedAt ?? story.firstcreated;
  // Agencies re-stamp versioncreated on trivial resends; a minute's difference is not news.
  const isUpdated = Date.parse(story.versioncreated) - Date.parse(published) > 60_000;
  return html`<p class="times">${m.published} ${view.format.time(published)}${isUpdated ? html` · ${m.updated} ${view.format.time(story.versioncreated)}` : ''}</p>`;
}

export function correctionsBlock(view: ViewContext, story: Story, m: Messages): SafeHtml {
  if (story.corrections.length === 0) return html``;
  return html`<aside class="corrections">
<h2>${story.corrections.length === 1 ? m.correction : m.corrections}</h2>
<ul>${story.corrections.map((c) => html`<li><p>${c.text} <span class="meta">${view.format.time(c.at)}</span></p></li>`)}</ul>
</aside>`;
}

/**
 * The byline at the top of every story: its authors linked to their pages, else the people of
 * the wire byline; the agency named in a wire byline is the source line's, not a person.
 */
export function bylineLine(story: Story, authors: Author[], source: Source | undefined, m: Messages): SafeHtml {
  const people = authors.length > 0 ? [] : parseByline(story.byline, source ? [source.name, source.shortName] : []).people;
  if (authors.length === 0 && people.length === 0) return html``;
  const names =
    authors.length > 0
      ? authors.map((a) => html`<a href="${authorPath(a.slug)}" rel="author">${a.name}</a>`)
      : people.map((p) => html`${p}`);
  return html`<p class="byline">${m.by} ${names.map((name, i) => html`${i === 0 ? '' : i === names.length - 1 ? ' & ' : ', '}${name}`)}</p>`;
}

/** The author block under the story: each matched author with avatar and role. */
export function authorsBlock(view: ViewContext, authors: Author[], m: Messages): SafeHtml {
  if (authors.length === 0) return html``;
  return html`<section class="authors" aria-label="${authors.length === 1 ? m.author : m.authors}">
${authors.map(
  (a) => html`<div class="author">
<img class="avatar" src="${a.avatarMediaId ? mediaPath(a.avatarMediaId) : view.assets.avatar}" width="64" height="64" alt="" loading="lazy" decoding="async">
<p><a href="${authorPath(a.slug)}">${a.name}</a>${a.role ? html`<br><span class="role">${a.role}</span>` : ''}</p>
</div>`,
)}
</section>`;
}

export function tagsBlock(story: Story, m: Messages): SafeHtml {
  if (story.tags.length === 0) return html``;
  return html`<nav class="tags" aria-label="${m.topics}"><ul>${story.tags.map((t) => html`<li><a href="${tagPath(t)}">${t}</a></li>`)}</ul></nav>`;
}

const rtlScript = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * A notice's own `lang` and `dir` when its script does not match the article's: agencies write
 * their notices in one language (Latin script) whatever the story's, and in a right-to-left
 * article "© 2026 Agency" would otherwise read "2026 Agency ©".
 */
function noticeAttrs(notice: string, articleLanguage: string, fallbackLanguage: string): SafeHtml | '' {
  const isRtlArticle = textDirection(articleLanguage) === 'rtl';
  const isRtlNotice = rtlScript.test(notice);
  if (isRtlArticle === isRtlNotice) return '';
  const language = isRtlNotice ? 'ar' : textDirection(fallbackLanguage) === 'rtl' ? 'en' : fallbackLanguage;
  return html` lang="${language}" dir="${isRtlNotice ? 'rtl' : 'ltr'}"`;
}

/** The copyright notice, the source's usage notice and the item's usage terms, once each. */
export function rightsFooter(story: Story, source: Source | undefined, siteLanguage: string): SafeHtml {
  const notices = [
    story.copyrightnotice ?? (story.copyrightholder ? `© ${story.copyrightholder}` : undefined),
    source?.usageNotice,
    story.usageterms,
  ];
  const unique = [...new Set(notices.map((n) => n?.trim()).filter((n): n is string => Boolean(n)))];
  if (unique.length === 0) return html``;
  return html`<footer class="rights">${unique.map((n) => html`<p${noticeAttrs(n, story.language, siteLanguage)}>${n}</p>`)}</footer>`;
}

/**
 * Share links as plain links (no third-party script, nothing loads until a reader clicks), and
 * a button the site script shows where the browser can share natively (phones).
 */
export function shareLinks(story: Story, url: string, m: Messages): SafeHtml {
  const u = encodeURIComponent(url);
  const title = encodeURIComponent(story.headline);
  const links = [
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'X', href: `https://x.com/intent/post?url=${u}&text=${title}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${title}%20${u}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${title}` },
    { name: m.shareByEmail, href: `mailto:?subject=${title}&body=${u}` },
  ];
  return html`<nav class="share" aria-label="${m.share}"><h2 class="visually-hidden">${m.share}</h2><ul>
${links.map((l) => html`<li><a class="share-link" href="${l.href}" rel="noopener" target="_blank">${l.name}</a></li>`)}
<li><button type="button" class="share-link share-native" data-share-url="${url}" data-share-title="${story.headline}" hidden>${m.share}</button></li>
</ul></nav>`;
}

/** "More from {section}": the section's latest other stories, under the story. */
export function moreFromSection(view: ViewContext, sectionTitle: string | undefined, stories: Story[], m: Messages): SafeHtml {
  if (!sectionTitle || stories.length === 0) return html``;
  return html`<section class="more-from" aria-labelledby="more-from-title">
<h2 id="more-from-title">${m.moreFrom(sectionTitle)}</h2>
${headlineList(view, stories)}
</section>`;
}
