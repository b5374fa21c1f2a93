import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeStory } from '../helpers/stories.js';
import { startSite } from './site-app.js';

const post = (url: string, body: string, type: string) =>
  fetch(`${url}/beacon`, { method: 'POST', body, headers: { 'content-type': type } });

describe('site for-you fragment', () => {
  it('lists six stories the reader has not read, privately', async (t) => {
    const site = await startSite(t);
    await site.save(
      ...Array.from({ length: 10 }, (_, i) => makeStory({ id: `s${i}`, publishedAt: new Date(Date.UTC(2026, 0, 10, i)).toISOString() })),
    );
    const res = await site.get('/fragments/for-you', { cookie: 'lede_h=s9,s8' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const html = await res.text();
    assert.equal(html.match(/<li class="teaser">/g)?.length, 6);
    assert.doesNotMatch(html, /headline-s9|headline-s8/);
    assert.match(html, /headline-s7/);
  });

  it('answers JSON when asked', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'x1', hero: { mediaId: 'photo-1', width: 1200, height: 800 } }));
    const res = await site.get('/fragments/for-you', { accept: 'application/json' });
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const { items } = (await res.json()) as { items: Array<Record<string, unknown>> };
    assert.deepEqual(items[0], {
      id: 'x1',
      headline: 'Headline x1',
      url: '/news/2026/01/01/headline-x1',
      image: { url: '/media/photo-1', width: 1200, height: 800, alt: 'Headline x1' },
    });
  });
});

describe('site beacon', () => {
  it('records a view from JSON or from sendBeacon text and answers 204', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'read-me', publishedAt: '2026-01-10T10:00:00Z' }));
    assert.equal((await post(site.url, '{"id":"read-me"}', 'application/json')).status, 204);
    assert.equal((await post(site.url, '{"id":"read-me"}', 'text/plain;charset=UTF-8')).status, 204);
    await site.signals.flush();
    // The same browser twice: one view.
    assert.deepEqual(await site.store.signals.hourlyViews({ since: new Date('2026-01-09T00:00:00Z') }), [
      { storyId: 'read-me', hour: '2026-01-10T12', count: 1, section: undefined },
    ]);
  });

  it('ignores unknown ids but refuses a malformed body', async (t) => {
    const site = await startSite(t);
    assert.equal((await post(site.url, '{"id":"nope"}', 'application/json')).status, 204);
    for (const body of ['not json', '{"id":42}', '[]', '{}']) {
      assert.equal((await post(site.url, body, 'text/plain')).status, 400, body);
    }
    assert.equal((await post(site.url, '{"id":', 'application/json')).status, 400);
  });
});

describe('site media and assets', () => {
  it('streams a media file with its type, cached for a year', async (t) => {
    const site = await startSite(t);
    const res = await site.get('/media/photo-1');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.deepEqual([...new Uint8Array(await res.arrayBuffer())], [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    assert.equal((await site.get('/media/unknown')).status, 404);
  });

  it('never serves a file outside the media folder', async (t) => {
    const site = await startSite(t);
    await site.store.media.upsert({ id: 'evil', contentType: 'text/plain', width: 1, height: 1, path: '../lede.db' });
    assert.equal((await site.get('/media/evil')).status, 404);
  });

  it('serves hashed CSS and JS for ever and 404s any other name', async (t) => {
    const site = await startSite(t);
    const page = await (await site.get('/')).text();
    const css = page.match(/href="(\/assets\/site\.[0-9a-f]+\.css)"/)?.[1] ?? '';
    const js = page.match(/src="(\/assets\/site\.[0-9a-f]+\.js)"/)?.[1] ?? '';
    for (const [path, type] of [
      [css, 'text/css'],
      [js, 'text/javascript'],
    ]) {
      const res = await site.get(path ?? '');
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', new RegExp(`^${type}`));
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    }
    assert.equal((await site.get('/assets/site.000000000000.css')).status, 404);
  });
});

describe('site error pages', () => {
  it('shows a styled 500 page without the error text when the database fails', async (t) => {
    const site = await startSite(t);
    await site.store.close();
    const res = await site.get('/world/');
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const page = await res.text();
    assert.match(page, /Something went wrong/);
    assert.match(page, /<link rel="stylesheet" href="\/assets\/site\.[0-9a-f]+\.css">/);
    assert.doesNotMatch(page, /sqlite|database|closed|at .*\.ts/i);
  });
});
