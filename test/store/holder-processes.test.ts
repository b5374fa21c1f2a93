import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { readJsonLines } from '../helpers/json-lines.js';
import { describeEngines } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

const child = new URL('../helpers/holder-child.ts', import.meta.url).pathname;
const rows = 40;
const workers = 3;

interface Line {
  pid: number;
  holder: string;
  at: number;
  lease?: 'taken';
  token?: number;
  claimed?: number;
  delivered?: number;
  lostClaim?: number;
  freedLease?: string;
  freedClaims?: number;
}

const exited = (c: ChildProcess) =>
  new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

// Issue 8, "Leases that hold": what a process that died held (a lease, outbox claims) is taken
// over by the processes of this host as soon as they see it is gone (store/holder.ts), and only
// once: worker processes race for it at the same moment, on each engine.
describeEngines('a dead holder taken over by racing processes', (engine) => {
  it('gives a dead process its lease to one process at a time, and its claimed rows to exactly one delivery each', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    await store.channels.upsert({ name: 'telegram', kind: 'telegram', enabled: true, config: {} }, new Date());
    for (let i = 0; i < rows; i++) await putStory(store, makeStory({ id: `held-${i}` }), { origin: 'wire' });
    assert.equal((await store.outbox.list({ channel: 'telegram', limit: 1000 })).length, rows);

    const logFile = join(await createTmpDir(t), 'holders.jsonl');
    await writeFile(logFile, '');
    const children: ChildProcess[] = [];
    t.after(async () => {
      for (const c of children) c.kill('SIGKILL');
      await Promise.all(children.map(exited));
    });
    const start = (mode: 'crash' | 'work', startAt = 0) => {
      const args = ['--import', 'tsx', child, engine.url, engine.searchPath ?? '', logFile, mode, String(startAt)];
      // Not the runner's environment: with NODE_TEST_CONTEXT a child's stdout is the runner's channel.
      const c = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH } });
      children.push(c);
      return c;
    };
    const lines = () => readJsonLines<Line>(logFile);
    const until = async (what: string, check: (all: Line[]) => boolean) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const all = await lines();
        if (check(all)) return all;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}:\n${all.map((l) => JSON.stringify(l)).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };

    // A process takes the lease and three rows, and dies holding them.
    const crash = start('crash');
    await new Promise<void>((resolve) => crash.stdout?.once('data', () => resolve()));
    const held = (await lines()).filter((l) => l.claimed !== undefined).map((l) => l.claimed);
    assert.equal(held.length, 3);
    crash.kill('SIGKILL');
    await exited(crash);

    // Three workers start at the same moment (after tsx has loaded in each).
    const startAt = Date.now() + 4000;
    const pool = Array.from({ length: workers }, () => start('work', startAt));
    const byPid = new Map(pool.map((c) => [c.pid, c]));
    let all = await until('every row delivered and the lease taken', (ls) => {
      const delivered = new Set(ls.flatMap((l) => (l.delivered === undefined ? [] : [l.delivered])));
      return delivered.size === rows && ls.filter((l) => l.lease === 'taken' && byPid.has(l.pid)).length >= 1;
    });
    // A worker writes its "delivered" line just before it marks the row delivered: wait for the
    // marks (and any line written after them) before judging.
    const undelivered = async () =>
      (await store.outbox.list({ channel: 'telegram', limit: 1000 })).filter((r) => r.status !== 'delivered').map((r) => r.id);
    for (const deadline = Date.now() + 10_000; (await undelivered()).length > 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.deepEqual(await undelivered(), [], 'every row marked delivered');
    all = await lines();
    const deliveries = all.flatMap((l) => (l.delivered === undefined ? [] : [l.delivered]));
    assert.equal(deliveries.length, rows, `each row delivered once, the dead process's three included: ${deliveries.join(',')}`);
    assert.deepEqual(
      all.filter((l) => l.lostClaim !== undefined),
      [],
      'no worker had a claim taken from under it',
    );
    for (const id of held) assert.ok(deliveries.includes(id!), `row ${id} of the dead process was delivered`);
    // Which workers delivered is up to the race: on a busy machine one may claim every row first.

    // The lease: one holder at a time, each takeover with a higher fencing token, and again
    // when its holder dies, with the others racing for it.
    const crashToken = all.find((l) => l.pid === crash.pid && l.lease === 'taken')?.token ?? 0;
    for (let round = 1; round <= 2; round++) {
      const takers = all.filter((l) => l.lease === 'taken' && l.pid !== crash.pid);
      assert.equal(takers.length, round, `round ${round}: one taker at a time: ${JSON.stringify(takers)}`);
      const winner = takers.at(-1)!;
      assert.equal(winner.token, crashToken + round, 'the token goes up by one per takeover');
      const held = await store.leases.listHeld(new Date());
      assert.deepEqual(
        held.filter((l) => l.name === 'holder-test').map((l) => l.holder),
        [winner.holder],
        'the database names the one holder',
      );
      if (round === 2) break;
      const winnerProcess = byPid.get(winner.pid)!;
      const survivors = pool.filter((c) => c !== winnerProcess);
      winnerProcess.kill('SIGKILL');
      await exited(winnerProcess);
      // The survivors look for gone holders at start only (as the scheduler does): a restarted
      // pair of processes, racing again.
      for (const c of survivors) c.kill('SIGKILL');
      await Promise.all(survivors.map(exited));
      const again = Date.now() + 4000;
      for (const c of [start('work', again), start('work', again)]) byPid.set(c.pid, c);
      all = await until('the lease taken over again', (ls) => ls.filter((l) => l.lease === 'taken' && l.pid !== crash.pid).length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 500));
      all = await lines();
    }
  });
});
