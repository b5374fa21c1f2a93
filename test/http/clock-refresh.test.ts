import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { cacheEntryOf, createPageCache, type PageCacheEntry } from '../../src/http/response-cache.js';
import { createRecommender } from '../../src/recommend/recommender.js';
import { createClockBoundRefresh } from '../../src/site/refresh.js';
import { openStore } from '../../src/store/open.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

const entry = (tags: string[]): PageCacheEntry =>
  cacheEntryOf({ status: 200, body: 'x', contentType: 'text/html', cacheControl: 'public', tags }, new Date());

describe('clock-bound refresh', () => {
  it('purges "Most read" and the breaking strip only when what they show changes', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'lede-refresh-'));
    const store = await openStore({ url: `sqlite:${join(dir, 'lede.db')}` });
    t.after(async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });
    await store.migrate();
    const clock = createManualClock('2026-01-10T12:00:00Z');
    const urgent = makeStory({ urgency: 1, publishedAt: '2026-01-10T11:00:00Z' });
    const calm = makeStory({ urgency: 5, publishedAt: '2026-01-10T10:00:00Z' });
    await store.transaction(async (tx) => {
      await putStory(tx, urgent);
      await putStory(tx, calm);
    });
    const cache = createPageCache({ maxEntries: 10 });
    const recommender = createRecommender({ store, clock });
    t.after(() => recommender.close());
    const refresh = createClockBoundRefresh({ store, cache, clock, recommender });
    const fill = () => {
      cache.set('/', entry(['most-read', 'list:breaking']));
      cache.set('/world/', entry(['list:breaking']));
    };
    fill();
    assert.deepEqual(await refresh(), []);
    assert.deepEqual(await refresh(), []);
    assert.equal(cache.size, 2);

    await store.signals.recordViews([{ storyId: calm.id, visitor: 'v1', at: clock.now(), isProfiled: false }]);
    assert.deepEqual(await refresh(), ['most-read']);
    assert.equal(cache.get('/'), undefined);
    assert.ok(cache.get('/world/'));

    fill();
    clock.advance(24 * 60 * 60 * 1000);
    assert.deepEqual(await refresh(), ['list:breaking']);
    assert.deepEqual(
      ['/', '/world/'].map((key) => [cache.get(key), cache.lookup(key)?.isStale]),
      [
        [undefined, true],
        [undefined, true],
      ],
      'no longer fresh, kept to be served while one request renders it again',
    );
  });
});
