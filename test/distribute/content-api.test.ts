import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../helpers/postgres.js';
import { eventually, now, startPullApp, wireItem, type Xml } from './pull-app.js';

interface Page {
  items: Xml[];
  next_cursor: string | null;
}

const altid = (item: Xml, role: string) => item.altids.find((a: Xml) => a.role === role)?.value;

describeEngines('content API', { migrated: true }, (engine) => {
  it('walks every page with cursors, without duplicates or gaps while a story is published in between', async (t) => {
    const app = await startPullApp(t, { engine });
    // Two stories share a publication time, so the id breaks the tie.
    const items = Array.from({ length: 11 }, (_, i) => wireItem({ hoursAgo: 1 + Math.floor(i / 2) }));
    await app.ingest(items);
    const seen: string[] = [];
    let page = await app.json<Page>('/api/v1/articles?limit=4');
    seen.push(...page.items.map((i) => altid(i, 'source-uri')));
    await app.ingest([wireItem({ hoursAgo: 0.5, headlines: [{ role: 'main', value: 'Published between pages' }] })]);
    await eventually(
      async () => (await app.json<Page>('/api/v1/articles?limit=1')).items[0]?.headlines[0].value === 'Published between pages',
      'new story listed',
    );
    while (page.next_cursor) {
      page = await app.json<Page>(`/api/v1/articles?limit=4&cursor=${encodeURIComponent(page.next_cursor)}`);
      seen.push(...page.items.map((i) => altid(i, 'source-uri')));
    }
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    assert.deepEqual(new Set(seen), new Set(items.map((i) => i.uri)), 'no gaps');
    const times = seen.map((uri) => Date.parse(items.find((i) => i.uri === uri)?.firstcreated ?? ''));
    for (let i = 1; i < times.length; i++) assert.ok((times[i - 1] ?? 0) >= (times[i] ?? 0), 'newest first');
  });

  it('serves ninjs 2.x with our uri, canonical link, local picture and the wire uri in altids', async (t) => {
    const app = await startPullApp(t, { engine });
    const item = wireItem({
      associations: [
        {
          name: 'featuremedia',
          type: 'picture',
          uri: 'urn:test:pic:9',
          by: 'Lena Brunner',
          renditions: [{ name: 'baseImage', href: 'lede-demo-image:009', contenttype: 'image/jpeg', width: 1600, height: 900 }],
        },
      ],
    });
    const [stored] = await app.ingest([item]);
    const page = await app.json<Page>('/api/v1/articles');
    assert.equal(page.next_cursor, null);
    const listed = page.items[0] ?? {};
    const single = await app.json<Xml>(`/api/v1/articles/${stored?.id}`);
    assert.deepEqual(single, listed);
    assert.equal(single.uri, `http://news.example.test/api/v1/articles/${stored?.id}`);
    assert.equal(single.pubstatus, 'usable');
    assert.equal(single.headlines[0].value, item.headlines?.[0]?.value);
    assert.equal(single.bodies[0].contenttype, 'text/html');
    assert.equal(altid(single, 'source-uri'), item.uri);
    assert.equal(altid(single, 'lede-id'), stored?.id);
    assert.equal((await app.get(new URL(altid(single, 'canonical-url')).pathname)).status, 200);
    const picture = single.associations[0];
    assert.equal(picture.name, 'featuremedia');
    assert.match(picture.renditions[0].href, /^http:\/\/news\.example\.test\/media\//);
    assert.equal(picture.by, 'Lena Brunner');
    for (const [key, value] of Object.entries(single)) {
      assert.ok(value !== null && value !== '' && !(Array.isArray(value) && value.length === 0), `${key} is left out rather than empty`);
    }
  });

  it('filters by section, source, since and uri, and never serves a source whose rights forbid the API', async (t) => {
    const app = await startPullApp(t, { engine });
    const world = wireItem({ hoursAgo: 5 });
    const sport = wireItem({ hoursAgo: 3, subjects: [{ literal: 'mpa:SPO' }] });
    const recent = wireItem({ hoursAgo: 1 });
    await app.ingest([world, sport, recent]);
    const [unlicensed] = await app.ingest([wireItem({ hoursAgo: 2 })], 'nordwire');
    const uris = async (query: string) => (await app.json<Page>(`/api/v1/articles${query}`)).items.map((i) => altid(i, 'source-uri'));
    assert.deepEqual(await uris(''), [recent.uri, sport.uri, world.uri]);
    assert.deepEqual(await uris('?section=sport'), [sport.uri]);
    assert.deepEqual(await uris('?section=world'), [recent.uri, world.uri]);
    assert.deepEqual(await uris('?source=mpa'), [recent.uri, sport.uri, world.uri]);
    assert.deepEqual(await uris('?source=nordwire'), []);
    const since = new Date(Date.parse(now) - 6 * 60 * 60 * 1000).toISOString();
    assert.deepEqual(await uris(`?since=${since}`), [recent.uri, sport.uri, world.uri]);
    // 10:00 at UTC+1 is 09:00Z, when the sport story was published.
    assert.deepEqual(await uris(`?since=${encodeURIComponent('2026-03-10T10:00:00+01:00')}`), [recent.uri, sport.uri]);
    assert.deepEqual(await uris(`?uri=${encodeURIComponent(sport.uri)}`), [sport.uri]);
    assert.equal((await app.get(`/api/v1/articles/${unlicensed?.id}`)).status, 404);
    assert.equal((await app.get('/api/v1/articles/no-such-id')).status, 404);
  });

  it('answers 304 to a matching ETag, and a new ETag once the list changes', async (t) => {
    const app = await startPullApp(t, { engine });
    const [stored] = await app.ingest([wireItem({ hoursAgo: 2 })]);
    for (const path of ['/api/v1/articles', `/api/v1/articles/${stored?.id}`]) {
      const res = await app.get(path);
      const etag = res.headers.get('etag') ?? '';
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
      const again = await app.get(path, { 'if-none-match': etag });
      assert.equal(again.status, 304, path);
      assert.equal(again.headers.get('etag'), etag);
    }
    const etag = (await app.get('/api/v1/articles')).headers.get('etag') ?? '';
    await app.ingest([wireItem({ hoursAgo: 1 })]);
    await eventually(async () => (await app.get('/api/v1/articles', { 'if-none-match': etag })).status === 200, 'a new ETag');
  });

  it('answers 400 naming the parameter and the reason', async (t) => {
    const app = await startPullApp(t, { engine });
    const cases: Array<[string, string, RegExp]> = [
      ['limit=0', 'limit', /^limit: must be an integer from 1 to 100$/],
      ['limit=101', 'limit', /^limit: must be an integer from 1 to 100$/],
      ['limit=ten', 'limit', /^limit: must be an integer from 1 to 100$/],
      ['limit=1&limit=2', 'limit', /given once/],
      ['cursor=not-a-cursor', 'cursor', /^cursor: /],
      ['since=yesterday', 'since', /RFC 3339/],
      ['since=2026-03-10', 'since', /RFC 3339/],
      ['section=', 'section', /slug/],
      ['source=..%2Fetc', 'source', /slug/],
      ['colour=red', 'colour', /unknown parameter/],
    ];
    for (const [query, parameter, message] of cases) {
      const res = await app.get(`/api/v1/articles?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      const body = await res.json();
      assert.equal(body.error.code, 'LEDE_HTTP_BAD_REQUEST', query);
      assert.equal(body.error.field, parameter, query);
      assert.match(body.error.message, message, query);
    }
    const missing = await app.get('/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 'LEDE_HTTP_NOT_FOUND');
  });
});
