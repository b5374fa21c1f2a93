import { textDirection } from '../../core/story.js';
import { absoluteUrl, articlePath, feedPath, mediaPath, sectionPath } from '../../core/urls.js';
import { siteCardPath, siteCardSize } from '../site-card.js';
import { langAttr } from './format.js';
import { type HtmlValue, html, type SafeHtml, safeHref } from './html.js';
import type { ViewContext } from './view-context.js';

export interface PageImage {
  /** Site path of the image (`/media/…`). */
  path: string;
  width: number;
  height: number;
  alt: string;
}

export interface PageMeta {
  /** Page title without the site name; omitted on the home page. */
  title?: string;
  description?: string;
  /** Canonical path, built with core/urls.ts. */
  path: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  type?: 'website' | 'article';
  image?: PageImage;
  prevPath?: string;
  nextPath?: string;
  isNoindex?: boolean;
  /** Path of the list whose feeds to advertise (`/world/`); the site feed is always listed. */
  feedListPath?: string;
  activeSection?: string;
  /** Extra head markup: JSON-LD, article:* meta. */
  head?: SafeHtml;
}

/** The share picture of a page without one of its own: the site's card (site-card.ts). */
export function siteCardImage(view: ViewContext): PageImage {
  return { path: siteCardPath(view.site.name), ...siteCardSize, alt: view.site.name };
}

function socialMeta(view: ViewContext, meta: PageMeta, title: string, canonical: string): SafeHtml {
  // Every share has a picture: a page without one shows the site's card.
  const image = meta.image ?? siteCardImage(view);
  const imageUrl = absoluteUrl(view.publicUrl, image.path);
  return html`<meta property="og:site_name" content="${view.site.name}">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${meta.description ?? view.site.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:image" content="${imageUrl}">
<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${image.alt}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${meta.description ?? view.site.description}">
<meta name="twitter:image" content="${imageUrl}">
<meta name="twitter:image:alt" content="${image.alt}">
`;
}

function feedLinks(view: ViewContext, listPath: string | undefined): SafeHtml {
  const lists: Array<[string, string]> = [['/', view.site.name]];
  if (listPath && listPath !== '/') lists.push([listPath, `${view.site.name}: ${listPath}`]);
  return html`${lists.map(
    ([path, title]) => html`<link rel="alternate" type="application/rss+xml" title="${title}" href="${feedPath('rss', path)}">
`,
  )}`;
}

function header(view: ViewContext, meta: PageMeta, chromeLang: HtmlValue): SafeHtml {
  return html`<header class="site-header"${chromeLang}>
<div class="wrap">
<a class="site-name" href="/">${
    view.site.logo ? html`<img class="site-logo" src="${mediaPath(view.site.logo)}" alt="" height="32" decoding="async"> ` : ''
  }${view.site.name}</a>
<a class="menu-button" href="#site-menu" aria-controls="site-menu">Menu</a>
<div class="site-menu" id="site-menu">
<nav class="site-nav" aria-label="Sections"><ul>${view.sections.map(
    (s) => html`<li><a href="${sectionPath(s.slug)}"${meta.activeSection === s.slug ? html` aria-current="page"` : ''}>${s.name}</a></li>`,
  )}</ul></nav>
<form class="search-form" role="search" aria-label="Site search" action="/search" method="get">
<label class="visually-hidden" for="site-search">Search stories</label>
<input id="site-search" type="search" name="q" placeholder="Search">
<button type="submit">Search</button>
</form>
<a class="menu-close" href="#">Close menu</a>
</div>
</div>
</header>
${
  view.breaking.length > 0
    ? html`<aside class="breaking" aria-labelledby="breaking-title"${chromeLang}><div class="wrap">
<h2 id="breaking-title">Breaking</h2>
<ul>${view.breaking.map((s) => html`<li class="breaking-item"><a href="${articlePath(s)}" lang="${langAttr(s.language, view.site.language)}" dir="${textDirection(s.language)}">${s.headline}</a></li>`)}</ul>
</div></aside>`
    : ''
}`;
}

export function renderLayout(view: ViewContext, meta: PageMeta, main: SafeHtml): SafeHtml {
  const lang = meta.lang ?? view.site.language;
  const title = meta.title ? `${meta.title} – ${view.site.name}` : view.site.name;
  const canonical = absoluteUrl(view.publicUrl, meta.path);
  // When an article sets another language on <html>, the site's own words keep theirs.
  const chromeLang = lang === view.site.language ? '' : html` lang="${view.site.language}" dir="ltr"`;
  return html`<!doctype html>
<html lang="${lang}" dir="${meta.dir ?? 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description ?? view.site.description}">
<link rel="canonical" href="${canonical}">
${meta.prevPath ? html`<link rel="prev" href="${meta.prevPath}">\n` : ''}${meta.nextPath ? html`<link rel="next" href="${meta.nextPath}">\n` : ''}${
  meta.isNoindex ? html`<meta name="robots" content="noindex">\n` : ''
}<link rel="stylesheet" href="${view.assets.css}">
<link rel="icon" href="${view.assets.logo}" type="image/svg+xml">
${feedLinks(view, meta.feedListPath)}${socialMeta(view, meta, meta.title ?? view.site.name, canonical)}${meta.head ?? ''}
<script src="${view.assets.js}" defer></script>
</head>
<body>
<a class="skip-link"${chromeLang} href="#main">Skip to main content</a>
${header(view, meta, chromeLang)}
<main id="main" tabindex="-1">
<div class="wrap">
${main}
</div>
</main>
<div class="consent" role="region" aria-label="Privacy choices" data-consent hidden${chromeLang}><div class="wrap">
<p>May we keep the stories you read on this device to recommend others, and record which recommendations we show you?
<a href="/page/privacy">What we keep, and for how long</a></p>
<p><button type="button" data-consent-choice="yes">Accept</button> <button type="button" data-consent-choice="no">Decline</button></p>
</div></div>
<footer class="site-footer"${chromeLang}><div class="wrap">
<p>© ${view.now.getUTCFullYear()} ${view.site.name}. ${view.site.description}</p>
${
  view.pages.length > 0
    ? html`<nav aria-label="About this site"><ul class="footer-pages">${view.pages.map((p) => html`<li><a href="/page/${encodeURIComponent(p.slug)}">${p.title}</a></li>`)}</ul></nav>
`
    : ''
}${
  view.social.length > 0
    ? html`<nav aria-label="Follow us"><ul class="social-links">${view.social.map((link) => html`<li><a href="${safeHref(link.href)}" rel="me noopener">${link.label}</a></li>`)}</ul></nav>
`
    : ''
}<p><a href="${feedPath('rss')}">RSS feed</a> · <a href="/search">Search</a>${
    // The privacy page has a default text (site/privacy-text.ts) until an editor stores one.
    view.pages.some((p) => p.slug === 'privacy') ? '' : html` · <a href="/page/privacy">Privacy</a>`
  }</p>
</div></footer>
</body>
</html>
`;
}
