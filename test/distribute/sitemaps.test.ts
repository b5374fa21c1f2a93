import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hourMs, now, startPullApp, wireItem, type Xml, xmlParser } from './pull-app.js';

const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';

/**
 * The rules of Google's News sitemap format: the sitemap and news namespaces, and per URL a
 * `loc` plus `news:news` with `news:publication` (name, language), `news:publication_date`
 * (W3C date-time) and `news:title`; at most 1,000 URLs.
 */
function newsUrls(text: string): Array<{ loc: string; title: string; published: number; language: string; name: string }> {
  const urlset = xmlParser.parse(text).urlset;
  assert.equal(urlset['@xmlns'], sitemapNs);
  assert.equal(urlset['@xmlns:news'], newsNs);
  const urls: Xml[] = urlset.url ?? [];
  assert.ok(urls.length <= 1000, 'at most 1,000 URLs');
  return urls.map((url) => {
    const news = url['news:news'];
    const publication = news['news:publication'];
    assert.match(url.loc, /^https?:\/\//);
    assert.ok(publication['news:name'], 'news:name');
    assert.match(publication['news:language'], /^([a-z]{2,3}|zh-cn|zh-tw)$/);
    assert.match(news['news:publication_date'], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    assert.ok(news['news:title'], 'news:title');
    return {
      loc: url.loc,
      title: String(news['news:title']),
      published: Date.parse(news['news:publication_date']),
      language: publication['news:language'],
      name: publication['news:name'],
    };
  });
}

describe('sitemaps', () => {
  it('lists the month sitemaps and the news sitemap in the index, and every published article by month', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([wireItem({ hoursAgo: 2 }), wireItem({ hoursAgo: 24 * 5 }), wireItem({ hoursAgo: 24 * 40 })]);
    const res = await app.get('/sitemap.xml');
    assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
    const index = xmlParser.parse(await res.text()).sitemapindex;
    assert.equal(index['@xmlns'], sitemapNs);
    const locs = index.sitemap.map((s: Xml) => s.loc);
    assert.deepEqual(locs, [
      'http://news.example.test/news-sitemap.xml',
      'http://news.example.test/sitemaps/articles-2026-03.xml',
      'http://news.example.test/sitemaps/articles-2026-01.xml',
    ]);
    for (const entry of index.sitemap.slice(1)) assert.ok(!Number.isNaN(Date.parse(entry.lastmod)));
    const march = xmlParser.parse(await app.text('/sitemaps/articles-2026-03.xml')).urlset;
    assert.equal(march['@xmlns'], sitemapNs);
    assert.equal(march.url.length, 2);
    for (const url of march.url) {
      assert.match(url.loc, /^http:\/\/news\.example\.test\/world\/2026\/03\/\d\d\/story-number-\d+-from-the-wire$/);
      assert.equal((await app.get(new URL(url.loc).pathname)).status, 200);
    }
    assert.equal((await app.get('/sitemaps/articles-2026-02.xml')).status, 404);
    assert.equal((await app.get('/sitemaps/articles-2026-03-1.xml')).status, 404);
    assert.equal((await app.get('/sitemaps/articles-2026-13.xml')).status, 404);
  });

  it('puts stories of the last 48 hours in the news sitemap, in Google News format', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([
      wireItem({ hoursAgo: 1, headlines: [{ role: 'main', value: 'Fresh & "quoted" news' }] }),
      wireItem({ hoursAgo: 47, language: 'zh-Hant-TW' }),
      wireItem({ hoursAgo: 49 }),
    ]);
    const urls = newsUrls(await app.text('/news-sitemap.xml'));
    assert.equal(urls.length, 2);
    assert.equal(urls[0]?.title, 'Fresh & "quoted" news');
    assert.equal(urls[0]?.name, 'The Daily Lede');
    assert.equal(urls[0]?.language, 'en');
    assert.equal(urls[1]?.language, 'zh-tw');
    assert.equal(urls[0]?.published, Date.parse(now) - hourMs);
    for (const url of urls) assert.ok(Date.parse(now) - url.published < 48 * hourMs);
  });

  it('drops a story from the news sitemap when its 48 hours end, by the clock alone', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([wireItem({ hoursAgo: 47, headlines: [{ role: 'main', value: 'Older one' }] }), wireItem({ hoursAgo: 10 })]);
    const first = await app.get('/news-sitemap.xml');
    assert.equal(newsUrls(await first.text()).length, 2);
    // Shared caches may not keep it past the moment it changes.
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    const before = app.store.stats.queries;
    app.clock.advance(hourMs - 1);
    assert.equal(newsUrls(await app.text('/news-sitemap.xml')).length, 2, 'one millisecond before 48 hours');
    assert.equal(app.store.stats.queries, before, 'still answered from memory');
    app.clock.advance(1);
    const urls = newsUrls(await app.text('/news-sitemap.xml'));
    assert.equal(urls.length, 1, 'at 48 hours exactly');
    assert.ok(!urls.some((u) => u.title === 'Older one'));
  });

  it('caps the news sitemap at 1,000 URLs, newest first', async (t) => {
    const app = await startPullApp(t);
    const items = Array.from({ length: 1005 }, (_, i) => wireItem({ hoursAgo: 1 + i / 60, keywords: [] }));
    await app.ingest(items);
    const urls = newsUrls(await app.text('/news-sitemap.xml'));
    assert.equal(urls.length, 1000);
    for (let i = 1; i < urls.length; i++) assert.ok((urls[i - 1]?.published ?? 0) >= (urls[i]?.published ?? 0));
  });

  it('points robots.txt at both sitemaps', async (t) => {
    const app = await startPullApp(t);
    const res = await app.get('/robots.txt');
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    const lines = (await res.text()).split('\n');
    assert.ok(lines.includes('User-agent: *'));
    assert.ok(lines.includes('Sitemap: http://news.example.test/sitemap.xml'));
    assert.ok(lines.includes('Sitemap: http://news.example.test/news-sitemap.xml'));
  });
});
