import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Store, StoryEvent } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

const now = new Date('2026-03-01T12:00:00Z');

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  await store.channels.upsert({ name: 'telegram', kind: 'telegram', enabled: true, config: {} }, now);
  await store.channels.upsert({ name: 'purge', kind: 'purge', enabled: true, config: {} }, now);
  return store;
}

const event = (overrides: Partial<Omit<StoryEvent, 'id'>> = {}): Omit<StoryEvent, 'id'> => ({
  storyId: 's1',
  kind: 'publish',
  version: '1',
  origin: 'wire',
  at: now.toISOString(),
  ...overrides,
});

const rowsOf = async (store: Store) => (await store.outbox.list()).map((r) => `${r.channel}:${r.kind}:${r.status}`).sort();

describeEngines('outbox rows written by events.append', { migrated: true }, (engine) => {
  it('writes one row per enabled channel and interested webhook, in the transaction of the story change', async (t) => {
    const store = await open(engine, t);
    await store.channels.upsert({ name: 'purge', kind: 'purge', enabled: false, config: {} }, now);
    const hook = await store.webhooks.add({ url: 'http://127.0.0.1:9/a', secret: 's', events: ['publish'], now });
    await store.webhooks.add({ url: 'http://127.0.0.1:9/b', secret: 's', events: ['kill'], now });
    await store.transaction(async (tx) => {
      await putStory(tx, makeStory({ id: 's1' }));
      await tx.events.append(event());
    });
    assert.deepEqual(await rowsOf(store), ['telegram:publish:pending', `webhook:${hook.id}:publish:pending`]);
    const [row] = await store.outbox.list({ channel: 'telegram' });
    assert.equal(row?.deliveryKey, 's1:1:telegram:publish');
    assert.equal(row?.nextAttemptAt, now.toISOString());
  });

  it('leaves no row when the transaction fails', async (t) => {
    const store = await open(engine, t);
    await assert.rejects(
      store.transaction(async (tx) => {
        await putStory(tx, makeStory({ id: 's1' }));
        await tx.events.append(event());
        throw new Error('the rest of the batch failed');
      }),
      /the rest of the batch failed/,
    );
    assert.deepEqual(await store.outbox.list(), []);
    assert.equal(await store.stories.findById('s1'), undefined);
  });

  it('writes nothing for demo content, nor for a change nobody can see, nor for a settings change', async (t) => {
    const store = await open(engine, t);
    await store.transaction(async (tx) => {
      await tx.events.append(event({ origin: 'demo' }));
      await tx.events.append(event({ storyId: 's2', kind: 'store' }));
      await tx.settings.set('callouts', []);
    });
    assert.deepEqual(await store.outbox.list(), []);
    assert.equal((await store.events.latestForStory('settings:callouts'))?.kind, 'settings');
  });

  it('keeps one row per story version, channel and kind, and keys unversioned stories by event', async (t) => {
    const store = await open(engine, t);
    await store.transaction(async (tx) => {
      await tx.events.append(event());
      await tx.events.append(event());
    });
    assert.equal((await store.outbox.list({ channel: 'telegram' })).length, 1);
    const first = await store.transaction((tx) => tx.events.append(event({ storyId: 'rss', version: undefined })));
    const second = await store.transaction((tx) => tx.events.append(event({ storyId: 'rss', version: undefined, kind: 'update' })));
    const keys = (await store.outbox.list({ storyId: 'rss', channel: 'purge' })).map((r) => r.deliveryKey);
    assert.deepEqual(keys, [`rss:${first}:purge:publish`, `rss:${second}:purge:update`]);
  });
});

describeEngines('outbox claims', { migrated: true }, (engine) => {
  it('claims a kill before older rows, and a kill purge first of all', async (t) => {
    const store = await open(engine, t);
    await store.transaction(async (tx) => {
      await tx.events.append(event({ storyId: 'a' }));
      await tx.events.append(event({ storyId: 'b' }));
      await tx.events.append(event({ storyId: 'a', kind: 'kill', version: '2' }));
    });
    const claim = (channel: string) => store.outbox.claimNext({ channel, holder: 'w1', now, claimMs: 60_000 });
    const purge = await claim('purge');
    assert.equal(purge?.kind, 'kill');
    assert.equal(purge?.priority, 20);
    assert.equal((await claim('telegram'))?.kind, 'kill');
    assert.equal((await claim('telegram'))?.storyId, 'a');
    assert.equal((await claim('telegram'))?.storyId, 'b');
    assert.equal(await claim('telegram'), undefined);
  });

  it('hands a row whose claim ran out to the next worker, and refuses the late worker its result', async (t) => {
    const store = await open(engine, t);
    await store.transaction((tx) => tx.events.append(event()));
    const first = await store.outbox.claimNext({ channel: 'telegram', holder: 'dead', now, claimMs: 60_000 });
    assert.ok(first);
    assert.equal(
      await store.outbox.claimNext({ channel: 'telegram', holder: 'new', now: new Date(now.getTime() + 59_000), claimMs: 60_000 }),
      undefined,
    );
    const later = new Date(now.getTime() + 61_000);
    const again = await store.outbox.claimNext({ channel: 'telegram', holder: 'new', now: later, claimMs: 60_000 });
    assert.equal(again?.id, first.id);
    assert.equal(again?.attempts, 2);
    assert.equal(await store.outbox.finish({ id: first.id, holder: 'dead', status: 'delivered', now: later }), false);
    assert.equal(await store.outbox.finish({ id: first.id, holder: 'new', status: 'delivered', result: 'message 7', now: later }), true);
    assert.equal((await store.outbox.find(first.id))?.status, 'delivered');
  });

  it('keeps a renewed claim from the next worker, and lets only the holder renew it', async (t) => {
    const store = await open(engine, t);
    await store.transaction((tx) => tx.events.append(event()));
    const at = (ms: number) => new Date(now.getTime() + ms);
    const row = await store.outbox.claimNext({ channel: 'telegram', holder: 'alive', now, claimMs: 3_000 });
    assert.ok(row);
    await store.outbox.renew({ ids: [row.id], holder: 'alive', now: at(2_000), claimMs: 3_000 });
    await store.outbox.renew({ ids: [row.id], holder: 'someone-else', now: at(4_000), claimMs: 60_000 });
    assert.equal(await store.outbox.claimNext({ channel: 'telegram', holder: 'next', now: at(4_500), claimMs: 3_000 }), undefined);
    // The holder died: no renewal after 2 s, so the row is due again at 5 s, not minutes later.
    const taken = await store.outbox.claimNext({ channel: 'telegram', holder: 'next', now: at(5_001), claimMs: 3_000 });
    assert.equal(taken?.id, row.id);
  });

  it('knows the highest remote id of a channel by number, and which ids are its posts', async (t) => {
    const store = await open(engine, t);
    const post = (storyId: string, remoteId: string, state: 'live' | 'sending' | 'deleted', channel = 'telegram') =>
      store.outbox.savePost({ storyId, channel, remoteId, state, data: {}, postedAt: now.toISOString(), updatedAt: now.toISOString() });
    assert.equal(await store.outbox.latestRemoteId('telegram'), undefined);
    await post('s1', '99', 'live');
    await post('s2', '100', 'deleted');
    await post('s3', '', 'sending');
    await post('s4', '5000', 'live', 'other');
    assert.equal(await store.outbox.latestRemoteId('telegram'), 100);
    assert.deepEqual([...(await store.outbox.knownRemoteIds('telegram', ['98', '99', '100', '5000']))].sort(), ['100', '99']);
  });

  it('parks a row with its last error, counts it, and re-queues it on retry', async (t) => {
    const store = await open(engine, t);
    await store.transaction((tx) => tx.events.append(event()));
    const row = await store.outbox.claimNext({ channel: 'telegram', holder: 'w', now, claimMs: 60_000 });
    assert.ok(row);
    await store.outbox.fail({ id: row.id, holder: 'w', error: 'telegram sendPhoto: HTTP 502', nextAttemptAt: now, park: true, now });
    const parked = await store.outbox.find(row.id);
    assert.equal(parked?.status, 'failed');
    assert.equal(parked?.lastError, 'telegram sendPhoto: HTTP 502');
    const counts = await store.outbox.counts();
    assert.deepEqual(counts.find((c) => c.channel === 'telegram')?.counts, {
      pending: 0,
      delivering: 0,
      delivered: 0,
      failed: 1,
      skipped: 0,
    });
    assert.equal(await store.outbox.retry(row.id, now), true);
    assert.equal(await store.outbox.retry(row.id, now), false);
    const requeued = await store.outbox.find(row.id);
    assert.equal(requeued?.status, 'pending');
    assert.equal(requeued?.failures, 0);
  });
});
