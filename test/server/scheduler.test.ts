import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { createScheduler, type SchedulerLogger, type TaskLease } from '../../src/server/scheduler.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

/** A logger that keeps the messages of `warn` and `error`. */
function recordingLogger(): SchedulerLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => {},
    warn: (_obj, msg) => warnings.push(msg ?? ''),
    error: (obj, msg) => warnings.push(`${msg}: ${String((obj as { err?: unknown }).err)}`),
  };
}

/** A promise and the function that settles it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describeEngines('scheduler', { migrated: true }, (engine) => {
  it('runs a task of another lease on time while a long one is still running, and never starts the long one twice', async (t) => {
    const store = await open(engine, t);
    const clock = createManualClock('2026-01-01T00:00:00Z');
    const scheduler = createScheduler({ leases: store.leases, clock, logger: recordingLogger(), leaseTtlMs: 10_000 });
    const ingest = gate();
    const started = gate();
    const released = gate();
    let ingests = 0;
    let releases = 0;
    scheduler.every('watch-folders', 1000, async () => {
      ingests += 1;
      started.open();
      await ingest.opened;
    });
    scheduler.every('embargo-release', 1000, async () => {
      releases += 1;
      released.open();
    });

    const first = scheduler.tick();
    await Promise.all([started.opened, released.opened]);
    for (let second = 1; second <= 30; second++) {
      clock.advance(1000);
      await scheduler.tick();
    }
    assert.equal(releases, 31, 'the release ran every second of the 30 s poll');
    assert.equal(ingests, 1, 'the poll still running was not started again');
    ingest.open();
    await first;
    clock.advance(1000);
    await scheduler.tick();
    assert.deepEqual([ingests, releases], [2, 32]);
  });

  it('runs each task in one scheduler only, until its lease lapses and another takes it over', async (t) => {
    const store = await open(engine, t);
    const clock = createManualClock('2026-01-01T00:00:00Z');
    const runs: string[] = [];
    const logger = recordingLogger();
    const make = (name: string) => {
      const scheduler = createScheduler({ leases: store.leases, clock, logger, leaseTtlMs: 10_000 });
      scheduler.every('task', 1000, async (lease) => {
        runs.push(`${name}:${lease.token}`);
      });
      return scheduler;
    };
    const [a, b] = [make('a'), make('b')];
    await a.tick();
    await b.tick();
    assert.deepEqual([a.holds('task'), b.holds('task')], [true, false]);
    clock.advance(11_000);
    await b.tick();
    await a.tick();
    assert.deepEqual(runs, ['a:1', 'b:2']);
    assert.deepEqual([a.holds('task'), b.holds('task')], [false, true]);
    assert.ok(
      logger.warnings.some((w) => /lease lost/.test(w)),
      'the old holder logs that it lost the lease',
    );
    await b.stop();
    await a.tick();
    assert.deepEqual(runs, ['a:1', 'b:2', 'a:3'], 'a stopped scheduler lets its leases go at once');
  });

  it('lets a running task see at its next check that its lease was taken over', async (t) => {
    const store = await open(engine, t);
    const clock = createManualClock('2026-01-01T00:00:00Z');
    const [a, b] = [1, 2].map(() => createScheduler({ leases: store.leases, clock, logger: recordingLogger(), leaseTtlMs: 10_000 }));
    const resume = gate();
    const started = gate();
    const checks: boolean[] = [];
    const longTask = async (lease: TaskLease) => {
      checks.push(await lease.isHeld());
      started.open();
      await resume.opened;
      // A write guarded the way a task guards it: the check in the write's transaction.
      checks.push(await store.transaction((tx) => tx.leases.isHeld({ ...lease, now: clock.now() })));
      checks.push(await lease.isHeld());
    };
    a?.every('long', 1000, longTask);
    b?.every('long', 1000, async () => {});
    const running = a?.tick();
    await started.opened;
    // `a` stalls: it does not renew, its lease lapses and `b` takes it over.
    clock.advance(10_001);
    await b?.tick();
    resume.open();
    await running;
    assert.deepEqual(checks, [true, false, false]);
  });

  it('gives up a lease it could not renew once it has run out, and says so', async (t) => {
    await open(engine, t);
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    const clock = createManualClock('2026-01-01T00:00:00Z');
    const logger = recordingLogger();
    const scheduler = createScheduler({ leases: store.leases, clock, logger, leaseTtlMs: 10_000 });
    let runs = 0;
    scheduler.every('task', 1000, async () => {
      runs += 1;
    });
    await scheduler.tick();
    await store.close();
    clock.advance(5000);
    await scheduler.tick();
    assert.equal(scheduler.holds('task'), true, 'still good until it runs out');
    clock.advance(6000);
    await scheduler.tick();
    assert.equal(scheduler.holds('task'), false);
    assert.ok(logger.warnings.some((w) => /ran out while it could not be renewed/.test(w)));
    assert.equal(runs, 1, 'nothing ran without a lease it could check');
  });
});
