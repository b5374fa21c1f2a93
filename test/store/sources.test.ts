import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Source } from '../../src/core/story.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

const agency: Source = {
  slug: 'dpa',
  name: 'Deutsche Presse-Agentur',
  shortName: 'dpa',
  kind: 'agency',
  publishRule: 'hold',
  rights: { social: false, api: true },
  rules: { timezone: 'Europe/Berlin', sections: { 'dpacat:sp': 'sport' }, sequentialVersions: false, idleMinutes: 30 },
};

describeEngines('source repo', { migrated: true }, (engine) => {
  it('keeps rules and rights with the source, and an upsert without them leaves them alone', async (t) => {
    const store = await open(engine, t);
    await store.sources.upsert(agency);
    assert.deepEqual(await store.sources.findBySlug('dpa'), {
      ...agency,
      copyrightholder: undefined,
      usageNotice: undefined,
      photoCredit: undefined,
    });
    const { rules, rights, ...bare } = agency;
    await store.sources.upsert({ ...bare, name: 'dpa (renamed)' });
    const read = await store.sources.findBySlug('dpa');
    assert.equal(read?.name, 'dpa (renamed)');
    assert.deepEqual(read?.rules, rules);
    assert.deepEqual(read?.rights, rights);
    assert.deepEqual(
      (await store.sources.list()).map((s) => s.slug),
      ['dpa'],
    );
  });

  it('keeps push credentials apart from the source and never returns them with it', async (t) => {
    const store = await open(engine, t);
    await store.sources.upsert(agency);
    await store.sources.setPushCredentials('dpa', { tokenHash: 'abc', hmacSecret: 's3cret' });
    assert.deepEqual(await store.sources.pushCredentials('dpa'), { tokenHash: 'abc', hmacSecret: 's3cret' });
    assert.doesNotMatch(JSON.stringify(await store.sources.findBySlug('dpa')), /abc|s3cret/);
    await store.sources.setPushCredentials('dpa', { tokenHash: null });
    assert.deepEqual(await store.sources.pushCredentials('dpa'), { tokenHash: undefined, hmacSecret: 's3cret' });
  });

  it('records deliveries, errors and feed state, and counts the versions of the last 24 hours', async (t) => {
    const store = await open(engine, t);
    const now = new Date('2026-01-10T12:00:00Z');
    const story = makeStory({ sourceId: 'dpa' });
    await store.transaction(async (tx) => {
      for (const at of ['2026-01-09T11:00:00Z', '2026-01-10T09:00:00Z', '2026-01-10T11:00:00Z']) await putStory(tx, story, { at });
    });
    await store.sources.recordDelivery('dpa', '2026-01-10T11:00:00Z');
    await store.sources.recordDelivery('dpa', '2026-01-10T10:00:00Z');
    await store.sources.recordError('dpa', { at: '2026-01-10T11:30:00Z', message: 'feed answered 500' });
    await store.sources.recordError('dpa', { at: '2026-01-10T11:40:00Z', message: 'timeout' });
    await store.sources.saveFeedState('dpa', { etag: '"v1"', nextPollAt: '2026-01-10T12:05:00Z', failures: 2 });
    const [status] = await store.sources.listStatus(now);
    assert.deepEqual(status, {
      sourceSlug: 'dpa',
      lastItemAt: '2026-01-10T11:00:00Z',
      itemsLast24h: 2,
      errorsTotal: 2,
      lastError: 'timeout',
      lastErrorAt: '2026-01-10T11:40:00Z',
      feed: { etag: '"v1"', lastModified: undefined, nextPollAt: '2026-01-10T12:05:00Z', failures: 2 },
      silentSince: undefined,
    });
  });
});
