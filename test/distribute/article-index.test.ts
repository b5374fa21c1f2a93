import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

async function seeded(url: string, searchPath?: string): Promise<Store> {
  const store = await openStore({ url, searchPath });
  await store.migrate();
  const stories = [
    makeStory({ id: 'a', section: 'world', publishedAt: '2026-01-30T10:00:00.000Z', versioncreated: '2026-02-02T08:00:00.000Z' }),
    makeStory({ id: 'b', section: 'sport', publishedAt: '2026-02-01T10:00:00.000Z' }),
    makeStory({ id: 'c', section: 'world', publishedAt: '2026-02-01T10:00:00.000Z' }),
    makeStory({ id: 'd', section: 'world', publishedAt: '2026-02-03T10:00:00.000Z', sourceId: 'nordwire' }),
    makeStory({ id: 'k', section: 'world', publishedAt: '2026-02-02T10:00:00.000Z', state: 'killed', pubstatus: 'canceled' }),
  ];
  await store.transaction(async (tx) => {
    for (const story of stories) await putStory(tx, story);
  });
  return store;
}

describeEngines('article index', { migrated: true }, (engine) => {
  it('pages published stories newest first by (publishedAt, id), after a keyset cursor', async (t) => {
    const store = await seeded(engine.url, engine.searchPath);
    t.after(() => store.close());
    const ids = async (query: Parameters<Store['articleIndex']['page']>[0]) => (await store.articleIndex.page(query)).map((s) => s.id);
    assert.deepEqual(await ids({ limit: 10 }), ['d', 'c', 'b', 'a']);
    assert.deepEqual(await ids({ limit: 2 }), ['d', 'c']);
    assert.deepEqual(await ids({ limit: 10, before: { publishedAt: '2026-02-01T10:00:00.000Z', id: 'c' } }), ['b', 'a']);
    assert.deepEqual(await ids({ limit: 10, section: 'world' }), ['d', 'c', 'a']);
    assert.deepEqual(await ids({ limit: 10, excludeSources: ['nordwire'] }), ['c', 'b', 'a']);
    assert.deepEqual(await ids({ limit: 10, since: '2026-02-01T10:00:00.000Z' }), ['d', 'c', 'b']);
    assert.deepEqual(await ids({ limit: 10, uri: 'urn:test:b' }), ['b']);
    assert.deepEqual(await ids({ limit: 10, source: 'nordwire' }), ['d']);
  });

  it('groups published stories by month, and lists a month oldest first', async (t) => {
    const store = await seeded(engine.url, engine.searchPath);
    t.after(() => store.close());
    const months = await store.articleIndex.months();
    assert.deepEqual(
      months.map((m) => [m.month, m.count]),
      [
        ['2026-02', 3],
        ['2026-01', 1],
      ],
    );
    assert.equal(months[1]?.lastmod, '2026-02-02T08:00:00.000Z');
    const february = await store.articleIndex.inMonth({ month: '2026-02', limit: 10, offset: 0 });
    assert.deepEqual(
      february.map((a) => a.id),
      ['b', 'c', 'd'],
    );
    assert.deepEqual(
      (await store.articleIndex.inMonth({ month: '2026-02', limit: 2, offset: 2 })).map((a) => a.id),
      ['d'],
    );
    assert.deepEqual(
      (await store.articleIndex.publishedAfter('2026-02-01T10:00:00.000Z', 10)).map((s) => s.id),
      ['d'],
    );
  });
});
