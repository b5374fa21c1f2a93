import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import type { StoryEvent } from '../../src/store/types.js';
import { describeEngines } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

describeEngines('the PostgreSQL change listener when its connection drops', (engine) => {
  // LISTEN/NOTIFY is PostgreSQL's; SQLite's change signal has no connection to lose.
  const onPostgres = engine.name === 'postgres' ? it : () => {};
  onPostgres('reconnects once per drop, keeping one LISTEN connection, and still follows every change', async (t) => {
    const name = `lede-listen-${process.pid}-${Date.now()}`;
    const url = new URL(engine.url);
    url.searchParams.set('application_name', name);
    const store = await openStore({ url: url.toString() });
    t.after(() => store.close());
    await store.migrate();
    const seen: StoryEvent[] = [];
    store.onEvents((events) => seen.push(...events));

    const admin = new pg.Client({ connectionString: engine.url });
    await admin.connect();
    t.after(() => admin.end());
    const listenerPids = async () =>
      (
        await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'", [name])
      ).rows.map((r) => r.pid);
    const connections = async () =>
      Number(
        (await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [name])).rows[0]?.n,
      );

    await until('the listener is connected', async () => (await listenerPids()).length === 1);
    for (let drop = 1; drop <= 4; drop++) {
      const [old] = await listenerPids();
      await admin.query('SELECT pg_terminate_backend($1)', [old]);
      // pg_terminate_backend returns before the backend is gone: wait for a new one instead.
      await until(`a new listener after drop ${drop}`, async () => {
        const pids = await listenerPids();
        return pids.length > 0 && !pids.includes(old!);
      });
      // Long enough for a second reconnect to show up (the old code reconnected after 1 s).
      await sleep(1200);
      assert.equal((await listenerPids()).length, 1, `one LISTEN connection after drop ${drop} (it used to double: 2, 4, 8, 16)`);
    }
    assert.ok((await connections()) <= 11, 'no more than the pool (10) and the listener');

    const story = makeStory();
    await putStory(store, story);
    await until('the change after the drops is followed', async () => seen.some((e) => e.storyId === story.id), 3000);
  });
});
