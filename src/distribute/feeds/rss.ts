import { el, textEl, xmlDocument } from '../xml.js';
import { type FeedItem, type FeedModel, mediaContent } from './feed-model.js';

export const rssContentType = 'application/rss+xml; charset=utf-8';

const ns = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/** RSS 2.0 dates are RFC 822; `toUTCString` writes that form with "GMT". */
const rfc822 = (date: Date) => date.toUTCString();

function rssItem(item: FeedItem) {
  const image = item.image;
  return el(
    'item',
    {},
    el('title', {}, item.title),
    el('link', {}, item.url),
    el('guid', { isPermaLink: 'false' }, item.id),
    el('pubDate', {}, rfc822(item.published)),
    el('description', {}, item.summary),
    item.contentHtml !== undefined && el('content:encoded', {}, item.contentHtml),
    item.authors.map((name) => el('dc:creator', {}, name)),
    item.categories.map((category) => el('category', {}, category)),
    textEl('dc:rights', item.rights),
    textEl('dc:language', item.language),
    image && el('enclosure', { url: image.url, length: image.length, type: image.contentType }),
    image && mediaContent(image),
  );
}

/** RSS 2.0 (rssboard.org/rss-specification) with the content, Dublin Core and Media RSS modules. */
export function renderRss(feed: FeedModel): string {
  return xmlDocument(
    el(
      'rss',
      { version: '2.0', ...ns },
      el(
        'channel',
        {},
        el('title', {}, feed.title),
        el('link', {}, feed.homeUrl),
        el('description', {}, feed.description),
        el('language', {}, feed.language),
        el('lastBuildDate', {}, rfc822(feed.updated)),
        el('generator', {}, 'Lede'),
        el('atom:link', { rel: 'self', type: 'application/rss+xml', href: feed.selfUrls.rss }),
        feed.hub && el('atom:link', { rel: 'hub', href: feed.hub }),
        feed.items.map(rssItem),
      ),
    ),
  );
}
