import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Parser from 'rss-parser';
import { startPullApp, wireItem, type Xml, xmlParser } from './pull-app.js';

const picture = {
  name: 'featuremedia',
  type: 'picture',
  uri: 'urn:test:pic:1',
  by: 'Lena Brunner',
  descriptions: [{ role: 'caption', value: 'Delegates arrive in Geneva.' }],
  renditions: [{ name: 'baseImage', href: 'lede-demo-image:001', contenttype: 'image/jpeg', width: 1600, height: 900 }],
};

const rssParser = new Parser({
  customFields: {
    item: [
      ['media:content', 'mediaContent'],
      ['dc:rights', 'rights'],
      ['content:encoded', 'contentEncoded'],
    ],
  },
});

/** RSS 2.0's required channel and item elements (rssboard.org/rss-specification). */
function assertRssShape(doc: Xml, label: string) {
  assert.equal(doc.rss['@version'], '2.0', label);
  const channel = doc.rss.channel;
  for (const name of ['title', 'link', 'description']) assert.ok(channel[name], `${label}: channel/${name}`);
  for (const item of channel.item ?? []) {
    assert.ok(item.title || item.description, `${label}: item has title or description`);
    assert.equal(item.guid['@isPermaLink'], 'false');
    assert.ok(!Number.isNaN(Date.parse(item.pubDate)), `${label}: pubDate is a date`);
  }
}

/** Atom's required feed and entry elements (RFC 4287 §4.1.1, §4.1.2). */
function assertAtomShape(doc: Xml, label: string) {
  const feed = doc.feed;
  assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom', label);
  for (const name of ['id', 'title', 'updated']) assert.ok(feed[name], `${label}: feed/${name}`);
  assert.ok(feed.author, `${label}: a feed-level author covers entries`);
  assert.ok(
    feed.link.some((l: Xml) => l['@rel'] === 'self'),
    `${label}: rel=self`,
  );
  for (const entry of feed.entry ?? []) {
    for (const name of ['id', 'title', 'updated']) assert.ok(entry[name], `${label}: entry/${name}`);
    assert.ok(!Number.isNaN(Date.parse(entry.updated)), `${label}: RFC 3339 updated`);
    assert.ok(
      entry.link.some((l: Xml) => l['@rel'] === 'alternate'),
      `${label}: entry link`,
    );
  }
}

/** JSON Feed 1.1's required members (jsonfeed.org/version/1.1). */
function assertJsonFeedShape(feed: Xml, label: string) {
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1', label);
  assert.equal(typeof feed.title, 'string');
  assert.ok(Array.isArray(feed.items));
  for (const item of feed.items) {
    assert.equal(typeof item.id, 'string', `${label}: item.id`);
    assert.ok(typeof item.content_html === 'string' || typeof item.content_text === 'string', `${label}: item content`);
    if (item.date_published) assert.ok(!Number.isNaN(Date.parse(item.date_published)));
  }
}

describe('feeds', () => {
  it('serves valid RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, a section and a tag', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([
      wireItem({ headlines: [{ role: 'main', value: 'Talks <resume> on the "Sarin" & its dams' }], associations: [picture] }),
      wireItem({ hoursAgo: 2, subjects: [{ literal: 'mpa:SPO' }], keywords: ['Cycling'] }),
    ]);
    for (const [list, expected] of [
      ['/', 2],
      ['/world/', 1],
      ['/tag/water/', 1],
      ['/author/marc-duval/', 2],
      ['/source/mpa/', 2],
    ] as const) {
      const rssRes = await app.get(`${list}feed.xml`);
      assert.equal(rssRes.status, 200, list);
      assert.equal(rssRes.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
      const rssText = await rssRes.text();
      assertRssShape(xmlParser.parse(rssText), `${list}feed.xml`);
      const rss = await rssParser.parseString(rssText);
      assert.equal(rss.items.length, expected, list);

      const atomText = await app.text(`${list}atom.xml`);
      assertAtomShape(xmlParser.parse(atomText), `${list}atom.xml`);
      assert.equal((await rssParser.parseString(atomText)).items.length, expected, list);

      const json = await app.json<Xml>(`${list}feed.json`);
      assertJsonFeedShape(json, `${list}feed.json`);
      assert.equal(json.items.length, expected, list);
      assert.equal(json.feed_url, `http://news.example.test${list}feed.json`);
    }
    const rss = await rssParser.parseString(await app.text('/feed.xml'));
    const first = rss.items[0] as Xml;
    assert.equal(first.title, 'Talks <resume> on the "Sarin" & its dams');
    assert.match(first.link, /^http:\/\/news\.example\.test\/world\/2026\/03\/10\/talks-resume-on-the-sarin-its-dams$/);
    assert.equal(first.creator, 'Marc Duval');
    assert.deepEqual(first.categories, ['Water']);
    assert.equal(first.rights, '(c) 2026 Meridian Press Agency Editorial use only.');
    assert.match(first.contentEncoded, /Second paragraph, full text only/);
    assert.equal(first.enclosure.type, 'image/jpeg');
    assert.match(first.enclosure.url, /^http:\/\/news\.example\.test\/media\//);
    assert.ok(Number(first.enclosure.length) > 0);
    assert.equal(first.mediaContent.$.medium, 'image');
    const media = xmlParser.parse(await app.text('/feed.xml')).rss.channel.item[0]['media:content'];
    assert.equal(media['media:credit']['#text'], 'Lena Brunner / MPA');
    assert.equal(media['media:credit']['@role'], 'photographer');
    const atom = xmlParser.parse(await app.text('/atom.xml')).feed.entry[0];
    assert.equal(atom.rights['#text'], '(c) 2026 Meridian Press Agency Editorial use only.');
    assert.equal(atom.content['@type'], 'html');
    const jsonItem = (await app.json<Xml>('/feed.json')).items[0];
    assert.equal(jsonItem.image, first.enclosure.url);
    assert.equal(jsonItem.attachments[0].mime_type, 'image/jpeg');
    assert.equal(jsonItem._lede.image_credit, 'Lena Brunner / MPA');
  });

  it("lists stories in another language than the site's in that language's feeds, not the site's", async (t) => {
    const app = await startPullApp(t);
    await app.ingest([
      wireItem({ headlines: [{ role: 'main', value: 'Harbour reopens after storm' }] }),
      wireItem({ language: 'fr', headlines: [{ role: 'main', value: 'Le port rouvre après la tempête' }] }),
    ]);
    const titles = async (path: string) => {
      const res = await app.get(path);
      assert.equal(res.status, 200, path);
      return (await rssParser.parseString(await res.text())).items.map((i) => i.title);
    };
    assert.deepEqual(await titles('/feed.xml'), ['Harbour reopens after storm']);
    assert.deepEqual(await titles('/lang/fr/feed.xml'), ['Le port rouvre après la tempête']);
    assert.equal((await app.get('/lang/de/feed.xml')).status, 404, 'no story in German');
    assert.equal((await app.get('/lang/en/feed.xml')).status, 404, "the site's own language is /feed.xml");
  });

  it('gives excerpts when the feeds setting turns full text off', async (t) => {
    const app = await startPullApp(t);
    await app.store.settings.set('feeds', { fullText: false });
    await app.ingest([wireItem()]);
    const item = (await rssParser.parseString(await app.text('/feed.xml'))).items[0] as Xml;
    assert.equal(item.contentEncoded, undefined);
    assert.match(item.content, /^The standfirst of story/);
    assert.doesNotMatch(await app.text('/atom.xml'), /Second paragraph/);
    const json = (await app.json<Xml>('/feed.json')).items[0];
    assert.equal(json.content_html, undefined);
    assert.match(json.content_text, /^The standfirst/);
  });

  it('gives excerpts for a source whose rights forbid full text, and full text for the others', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([wireItem({ headlines: [{ role: 'main', value: 'Licensed in full' }] })]);
    await app.ingest(
      [wireItem({ headlines: [{ role: 'main', value: 'Excerpt only' }], copyrightnotice: '(c) 2026 Nordwire AS' })],
      'nordwire',
    );
    const items = (await app.json<Xml>('/feed.json')).items;
    const byTitle = new Map<string, Xml>(items.map((i: Xml) => [i.title, i]));
    assert.match(byTitle.get('Licensed in full')?.content_html, /Second paragraph/);
    assert.equal(byTitle.get('Excerpt only')?.content_html, undefined);
    const rss = xmlParser.parse(await app.text('/feed.xml')).rss.channel.item;
    assert.equal(rss.find((i: Xml) => i.title === 'Excerpt only')['content:encoded'], undefined);
    assert.equal(rss.find((i: Xml) => i.title === 'Excerpt only')['dc:rights'], '(c) 2026 Nordwire AS');
  });

  it('answers 304 to the ETag, advertises the WebSub hub and 404s an unknown list', async (t) => {
    const app = await startPullApp(t);
    await app.store.settings.set('websub', { hub: 'https://hub.example.test/' });
    await app.ingest([wireItem()]);
    const res = await app.get('/feed.xml');
    const etag = res.headers.get('etag') ?? '';
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=300');
    assert.equal((await app.get('/feed.xml', { 'if-none-match': etag })).status, 304);
    const channel = xmlParser.parse(await res.text()).rss.channel;
    assert.ok(channel['atom:link'].some((l: Xml) => l['@rel'] === 'hub' && l['@href'] === 'https://hub.example.test/'));
    const atom = xmlParser.parse(await app.text('/atom.xml')).feed;
    assert.ok(atom.link.some((l: Xml) => l['@rel'] === 'hub'));
    assert.equal((await app.json<Xml>('/feed.json')).hubs[0].type, 'WebSub');
    for (const path of ['/nowhere/feed.xml', '/tag/no-such-tag/atom.xml', '/author/nobody/feed.json', '/source/nobody/feed.xml']) {
      assert.equal((await app.get(path)).status, 404, path);
    }
  });

  it("leaves the site's pages to the site", async (t) => {
    const app = await startPullApp(t);
    await app.ingest([wireItem()]);
    assert.equal((await app.get('/world/')).headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal((await app.get('/tag/water')).status, 200);
    const article = new URL((await app.json<Xml>('/feed.json')).items[0].url).pathname;
    assert.equal((await app.get(article)).status, 200);
  });
});
