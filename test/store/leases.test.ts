import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

const start = new Date('2026-01-01T00:00:00Z').getTime();
const at = (seconds: number) => new Date(start + seconds * 1000);

describeEngines('leases', { migrated: true }, (engine) => {
  it('gives a lease to one holder until it lapses, and a new token to each new holder', async (t) => {
    const { leases } = await open(engine, t);
    const take = (holder: string, seconds: number) => leases.tryAcquire({ name: 'scheduler:x', holder, ttlMs: 10_000, now: at(seconds) });
    assert.deepEqual(await take('a', 0), { name: 'scheduler:x', holder: 'a', token: 1 });
    assert.equal(await take('b', 0), undefined);
    assert.deepEqual(await take('a', 5), { name: 'scheduler:x', holder: 'a', token: 1 }, 'renewing keeps the token');
    assert.equal(await take('b', 14), undefined, 'renewed at 5 s, it runs until 15 s');
    assert.deepEqual(await take('b', 16), { name: 'scheduler:x', holder: 'b', token: 2 });
    assert.equal(await take('a', 17), undefined);
    // Other names are other leases.
    assert.deepEqual(await leases.tryAcquire({ name: 'scheduler:y', holder: 'a', ttlMs: 10_000, now: at(17) }), {
      name: 'scheduler:y',
      holder: 'a',
      token: 1,
    });
  });

  it('lets a released lease go at once, and its next holder gets a newer token', async (t) => {
    const { leases } = await open(engine, t);
    await leases.tryAcquire({ name: 'n', holder: 'a', ttlMs: 10_000, now: at(0) });
    await leases.release('n', 'b');
    assert.equal(await leases.tryAcquire({ name: 'n', holder: 'b', ttlMs: 10_000, now: at(1) }), undefined, 'only the holder releases');
    await leases.release('n', 'a');
    assert.equal((await leases.tryAcquire({ name: 'n', holder: 'b', ttlMs: 10_000, now: at(1) }))?.token, 2);
    await leases.release('n', 'b');
    assert.equal((await leases.tryAcquire({ name: 'n', holder: 'a', ttlMs: 10_000, now: at(2) }))?.token, 3, 'tokens never start again');
  });

  it('holds for the holder with the current token until the lease runs out, in and out of a transaction', async (t) => {
    const store = await open(engine, t);
    const first = await store.leases.tryAcquire({ name: 'n', holder: 'a', ttlMs: 10_000, now: at(0) });
    assert.ok(first);
    assert.equal(await store.leases.isHeld({ ...first, now: at(9) }), true);
    assert.equal(await store.transaction((tx) => tx.leases.isHeld({ ...first, now: at(9) })), true);
    assert.equal(await store.leases.isHeld({ ...first, now: at(10) }), false, 'run out');
    assert.equal(await store.leases.isHeld({ ...first, holder: 'b', now: at(1) }), false, 'another holder');
    const second = await store.leases.tryAcquire({ name: 'n', holder: 'b', ttlMs: 10_000, now: at(11) });
    assert.ok(second);
    assert.equal(await store.leases.isHeld({ ...second, now: at(12) }), true);
    assert.equal(await store.transaction((tx) => tx.leases.isHeld({ ...first, now: at(12) })), false, 'the old holder is fenced off');
    // The old holder takes it back later: its old token stays fenced off.
    await store.leases.release('n', 'b');
    const third = await store.leases.tryAcquire({ name: 'n', holder: 'a', ttlMs: 10_000, now: at(13) });
    assert.equal(third?.token, 3);
    assert.equal(await store.leases.isHeld({ ...first, now: at(13) }), false, 'a token from before the takeover');
  });

  // PostgreSQL only: on SQLite a second connection in this process would wait for the write lock
  // synchronously (a deadlock of the test itself); test/server/scheduler-processes.test.ts
  // covers SQLite across processes.
  const onPostgres = engine.name === 'postgres' ? it : () => {};
  onPostgres('makes a takeover wait for a transaction that checked its lease, so the check holds until its write commits', async (t) => {
    const [leader, rival] = [await open(engine, t), await open(engine, t)];
    const lease = await leader.leases.tryAcquire({ name: 'n', holder: 'a', ttlMs: 10_000, now: at(0) });
    assert.ok(lease);
    let takenOver = false;
    let takeover: Promise<unknown> | undefined;
    await leader.transaction(async (tx) => {
      assert.equal(await tx.leases.isHeld({ ...lease, now: at(9) }), true);
      // The lease runs out while the leader is still writing: the rival waits for the leader's commit.
      takeover = rival.leases.tryAcquire({ name: 'n', holder: 'b', ttlMs: 10_000, now: at(11) }).then((won) => {
        takenOver = true;
        return won;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(takenOver, false, 'the takeover waits for the leader to commit');
    });
    assert.equal(((await takeover) as { token: number } | undefined)?.token, 2);
  });
});
