import { el, textEl, xmlDocument } from '../xml.js';
import { type FeedItem, type FeedModel, mediaContent } from './feed-model.js';

export const atomContentType = 'application/atom+xml; charset=utf-8';

function atomEntry(item: FeedItem) {
  const image = item.image;
  return el(
    'entry',
    {},
    el('id', {}, item.id),
    el('title', { type: 'text' }, item.title),
    el('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    el('published', {}, item.published.toISOString()),
    el('updated', {}, item.updated.toISOString()),
    item.authors.map((name) => el('author', {}, el('name', {}, name))),
    item.categories.map((category) => el('category', { term: category })),
    el('summary', { type: 'text' }, item.summary),
    // RFC 4287 §4.1.3: type="html" content is escaped markup, which the XML writer does.
    item.contentHtml !== undefined && el('content', { type: 'html' }, item.contentHtml),
    textEl('rights', item.rights, { type: 'text' }),
    image && el('link', { rel: 'enclosure', type: image.contentType, length: image.length, href: image.url }),
    image && mediaContent(image),
  );
}

/** Atom 1.0 (RFC 4287). The feed-level author covers entries without one (§4.1.1). */
export function renderAtom(feed: FeedModel): string {
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:media': 'http://search.yahoo.com/mrss/', 'xml:lang': feed.language },
      el('id', {}, feed.selfUrls.atom),
      el('title', { type: 'text' }, feed.title),
      el('subtitle', { type: 'text' }, feed.description),
      el('updated', {}, feed.updated.toISOString()),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrls.atom }),
      feed.hub && el('link', { rel: 'hub', href: feed.hub }),
      el('author', {}, el('name', {}, feed.siteName)),
      el('generator', {}, 'Lede'),
      feed.items.map(atomEntry),
    ),
  );
}
