import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidator } from '../../src/site/page-cache.js';
import type { StoryEvent } from '../../src/store/types.js';
import { startSite, wireStory } from './site-app.js';

const path = '/world/2026/01/10/talks-on-the-sarin-river-resume';
const event = (storyId: string, kind: StoryEvent['kind']): StoryEvent => ({ id: 1, storyId, kind, at: '2026-01-10T12:00:00Z' });

describe('site page cache', () => {
  it('answers a repeated request from memory without a database query', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory());
    for (const url of ['/', path, '/world/', '/search?q=sarin', '/no-such-page']) {
      const first = await site.get(url);
      const body = await first.text();
      const before = site.store.stats.queries;
      const again = await site.get(url);
      assert.equal(await again.text(), body, url);
      assert.equal(again.status, first.status, url);
      assert.equal(site.store.stats.queries, before, url);
    }
  });

  it('sets validators and answers 304 to If-None-Match and If-Modified-Since', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory());
    const res = await site.get(path);
    const etag = res.headers.get('etag') ?? '';
    const lastModified = res.headers.get('last-modified') ?? '';
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(lastModified, 'Sat, 10 Jan 2026 12:00:00 GMT');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=300');
    assert.equal((await site.get(path, { 'if-none-match': etag })).status, 304);
    assert.equal((await site.get(path, { 'if-none-match': `W/${etag}` })).status, 304);
    assert.equal((await site.get(path, { 'if-none-match': '"other"' })).status, 200);
    assert.equal((await site.get(path, { 'if-modified-since': lastModified })).status, 304);
    assert.equal((await site.get(path, { 'if-modified-since': 'Fri, 09 Jan 2026 12:00:00 GMT' })).status, 200);
    const head = await fetch(`${site.url}${path}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), etag);
  });

  it('names its cache tags in a Surrogate-Key header', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ id: 's1' }));
    const article = (await site.get(path)).headers.get('surrogate-key')?.split(' ') ?? [];
    assert.ok(article.includes('story-s1'));
    const section = (await site.get('/world/')).headers.get('surrogate-key')?.split(' ') ?? [];
    assert.ok(section.includes('list-section-world') && section.includes('story-s1'));
    const home = (await site.get('/')).headers.get('surrogate-key')?.split(' ') ?? [];
    assert.ok(home.includes('list-home') && home.includes('most-read'));
  });

  it('shows a kill on every cached page once the event is handled', async (t) => {
    const site = await startSite(t);
    const story = wireStory({ id: 's1' });
    await site.save(story);
    for (const url of ['/', path, '/world/', '/tag/water', '/author/amara-okafor', '/source/mpa']) {
      assert.match(await (await site.get(url)).text(), /Talks on the Sarin river resume/, url);
    }
    await site.save({ ...story, state: 'killed', pubstatus: 'canceled' });
    await createCacheInvalidator({ store: site.store, cache: site.cache }).handle([event('s1', 'kill')]);
    assert.equal((await site.get(path)).status, 410);
    for (const url of ['/', '/world/', '/tag/water', '/author/amara-okafor', '/source/mpa']) {
      assert.doesNotMatch(await (await site.get(url)).text(), /Talks on the Sarin river resume/, url);
    }
  });

  it('caches a 404 briefly and drops it when a publish makes the page exist', async (t) => {
    const site = await startSite(t);
    const res = await site.get(path);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=30');
    await site.save(wireStory({ id: 's2' }));
    assert.equal((await site.get(path)).status, 404);
    await createCacheInvalidator({ store: site.store, cache: site.cache }).handle([event('s2', 'publish')]);
    assert.equal((await site.get(path)).status, 200);
  });
});
