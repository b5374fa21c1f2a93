import type { FeedItem, FeedModel } from './feed-model.js';

export const jsonFeedContentType = 'application/feed+json; charset=utf-8';

function jsonItem(item: FeedItem) {
  const image = item.image;
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    // JSON Feed 1.1: an item has content_html or content_text; an excerpt is plain text.
    ...(item.contentHtml !== undefined ? { content_html: item.contentHtml } : { content_text: item.summary }),
    summary: item.summary,
    ...(image ? { image: image.url } : {}),
    date_published: item.published.toISOString(),
    date_modified: item.updated.toISOString(),
    ...(item.authors.length > 0 ? { authors: item.authors.map((name) => ({ name })) } : {}),
    ...(item.categories.length > 0 ? { tags: item.categories } : {}),
    language: item.language,
    ...(image
      ? {
          attachments: [
            {
              url: image.url,
              mime_type: image.contentType,
              ...(image.length > 0 ? { size_in_bytes: image.length } : {}),
              ...(image.caption ? { title: image.caption } : {}),
            },
          ],
        }
      : {}),
    // Extensions start with an underscore (JSON Feed 1.1, "Extensions").
    _lede: { ...(item.rights ? { rights: item.rights } : {}), ...(image?.credit ? { image_credit: image.credit } : {}) },
  };
}

/** JSON Feed 1.1 (jsonfeed.org/version/1.1). */
export function renderJsonFeed(feed: FeedModel): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: feed.selfUrls.json,
      description: feed.description,
      language: feed.language,
      ...(feed.hub ? { hubs: [{ type: 'WebSub', url: feed.hub }] } : {}),
      items: feed.items.map(jsonItem),
    },
    null,
    2,
  )}\n`;
}
