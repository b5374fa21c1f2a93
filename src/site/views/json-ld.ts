import { parseByline } from '../../core/byline.js';
import { escapeScriptJson } from '../../core/escape.js';
import type { Author, Source, Story } from '../../core/story.js';
import { absoluteUrl, authorPath, mediaPath } from '../../core/urls.js';
import { html, raw, type SafeHtml } from './html.js';

/** The value as JSON-LD, escaped so that no string in it can close the script element. */
export function jsonLdScript(value: unknown): SafeHtml {
  return html`<script type="application/ld+json">${raw(escapeScriptJson(value))}</script>`;
}

export interface NewsArticleInput {
  story: Story;
  authors: Author[];
  source?: Source;
  sectionName?: string;
  canonicalUrl: string;
  publicUrl: string;
  publisher: { name: string; logoUrl: string };
  photoCredit?: string;
  /** The picture of a story without a hero (the site's card), so every rich result has one. */
  fallbackImage?: { url: string; width: number; height: number };
}

/** schema.org NewsArticle, as search engines read it for article rich results. */
export function newsArticleJsonLd(input: NewsArticleInput): Record<string, unknown> {
  const { story, publicUrl } = input;
  const hero = story.hero;
  // People and the organisation named apart: never a Person called "By Rizky Pratama, ANS".
  const byline = parseByline(story.byline, input.source ? [input.source.name, input.source.shortName] : []);
  const people =
    input.authors.length > 0
      ? input.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absoluteUrl(publicUrl, authorPath(a.slug)) }))
      : byline.people.map((name) => ({ '@type': 'Person', name }));
  const agency = input.source?.kind === 'agency' || byline.organisation ? (input.source?.name ?? byline.organisation) : undefined;
  const organisation = agency ? [{ '@type': 'Organization', name: agency }] : [];
  const author = people.length + organisation.length > 0 ? [...people, ...organisation] : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.headline,
    description: story.standfirst,
    datePublished: story.publishedAt ?? story.firstcreated,
    dateModified: story.versioncreated,
    author,
    publisher: {
      '@type': 'Organization',
      name: input.publisher.name,
      logo: { '@type': 'ImageObject', url: input.publisher.logoUrl },
    },
    image: hero
      ? [
          {
            '@type': 'ImageObject',
            url: absoluteUrl(publicUrl, mediaPath(hero.mediaId)),
            width: hero.width,
            height: hero.height,
            caption: hero.caption,
            creditText: photoCreditText(hero.photographer, hero.creditSource ?? input.photoCredit),
            copyrightNotice: hero.creditSource ?? input.photoCredit ?? story.copyrightholder,
          },
        ]
      : input.fallbackImage
        ? [{ '@type': 'ImageObject', ...input.fallbackImage }]
        : undefined,
    isAccessibleForFree: true,
    inLanguage: story.language,
    articleSection: input.sectionName,
    keywords: story.tags.length > 0 ? story.tags.join(', ') : undefined,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.canonicalUrl },
    url: input.canonicalUrl,
    correction:
      story.corrections.length > 0
        ? story.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.at }))
        : undefined,
  };
}

/** "PHOTOGRAPHER / AGENCY", either part alone, or nothing. */
export function photoCreditText(photographer?: string, agency?: string): string | undefined {
  const parts = [photographer, agency].filter((p): p is string => Boolean(p?.trim()));
  return parts.length > 0 ? parts.join(' / ') : undefined;
}

/** schema.org BreadcrumbList: the trail search results show above an article. */
export function breadcrumbJsonLd(publicUrl: string, trail: Array<{ name: string; path: string }>): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((step, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: step.name,
      item: absoluteUrl(publicUrl, step.path),
    })),
  };
}

/** schema.org WebSite with a SearchAction (the home page): search engines can offer the site's search. */
export function webSiteJsonLd(input: { name: string; description: string; publicUrl: string; language: string }): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: input.name,
    description: input.description,
    url: absoluteUrl(input.publicUrl, '/'),
    inLanguage: input.language,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(input.publicUrl, '/search')}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** schema.org CollectionPage for a list (section, tag, author, source, language): its stories in order. */
export function collectionPageJsonLd(input: {
  name: string;
  url: string;
  publicUrl: string;
  stories: Array<{ url: string }>;
}): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: input.name,
    url: input.url,
    mainEntity: {
      '@type': 'ItemList',
      itemListElement: input.stories.map((s, i) => ({ '@type': 'ListItem', position: i + 1, url: s.url })),
    },
  };
}
