import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../helpers/postgres.js';
import { appFeedPaths, eventually, killOf, startPullApp, wireItem, type Xml } from './pull-app.js';

const surfaces = [
  ...appFeedPaths,
  '/news-sitemap.xml',
  '/sitemaps/articles-2026-03.xml',
  '/api/v1/articles',
  '/api/v1/articles?section=world',
  '/api/v1/articles?source=mpa',
];

describeEngines('a kill on the pull surfaces', { migrated: true }, (engine) => {
  it('takes the story off every feed, sitemap and the API list at once, and the API item says canceled', async (t) => {
    const app = await startPullApp(t, { engine });
    const doomed = wireItem({ headlines: [{ role: 'main', value: 'Doomed headline about the dam' }] });
    const kept = wireItem({ hoursAgo: 2 });
    const [result] = await app.ingest([doomed, kept]);
    const id = result?.id ?? '';
    const page = (await app.json<Xml>('/api/v1/articles')).items[0].altids.find((a: Xml) => a.role === 'canonical-url').value;
    const articlePath = new URL(page).pathname;
    // Everything is rendered and cached with the story in it first.
    for (const path of surfaces) {
      const body = await app.text(path);
      assert.ok(body.includes('Doomed headline') || body.includes(articlePath), `${path} shows the story before the kill`);
    }
    const item = await app.get(`/api/v1/articles/${id}`);
    const etag = item.headers.get('etag') ?? '';
    assert.equal((await item.json()).pubstatus, 'usable');

    await app.ingest([killOf(doomed)]);
    await eventually(async () => (await app.get(articlePath)).status === 410, 'the page answers 410');
    for (const path of surfaces) {
      const body = await app.text(path);
      assert.ok(!body.includes('Doomed headline') && !body.includes(articlePath), `${path} no longer shows the story`);
    }
    const canceled = await app.get(`/api/v1/articles/${id}`, { 'if-none-match': etag });
    assert.equal(canceled.status, 200, 'the old ETag no longer matches');
    const body = await canceled.json();
    assert.equal(body.pubstatus, 'canceled');
    assert.equal(body.bodies, undefined);
    assert.equal(body.associations, undefined);
    assert.ok(body.altids.some((a: Xml) => a.role === 'source-uri' && a.value === doomed.uri));
    // The other story is still everywhere.
    assert.equal((await app.json<Xml>('/api/v1/articles')).items.length, 1);
  });

  it('hides a withheld story from the API item and the feeds', async (t) => {
    const app = await startPullApp(t, { engine });
    const item = wireItem();
    const [result] = await app.ingest([item]);
    assert.equal((await app.get(`/api/v1/articles/${result?.id}`)).status, 200);
    assert.equal((await app.json<Xml>('/feed.json')).items.length, 1);
    await app.ingest([{ ...item, version: '2', pubstatus: 'withheld' }]);
    await eventually(async () => (await app.get(`/api/v1/articles/${result?.id}`)).status === 404, 'the API item is 404');
    assert.equal((await app.json<Xml>('/feed.json')).items.length, 0);
  });
});
