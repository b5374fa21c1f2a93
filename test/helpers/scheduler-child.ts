/**
 * One process of the lease tests (test/server/scheduler-processes.test.ts): the real scheduler
 * over a shared database, with a long task and a quick one under leases of their own. Each run,
 * each write and each log line is a JSON line appended to a file shared by all processes.
 *
 *   node --import tsx test/helpers/scheduler-child.ts URL SEARCH_PATH LOG_FILE TTL_MS LONG_TASK_MS
 *
 * The long task writes to the database every 100 ms, each write in a transaction that first
 * checks the lease's fencing token, and prints `write` on stdout after each one (so a test can
 * stop the process between two writes).
 */
import { appendFileSync } from 'node:fs';
import { systemClock } from '../../src/core/clock.js';
import { createScheduler } from '../../src/server/scheduler.js';
import { openStore } from '../../src/store/open.js';

const [url = '', searchPath = '', logFile = '', ttlArg = '1000', longArg = '2500'] = process.argv.slice(2);
const store = await openStore({ url, searchPath: searchPath || undefined });

const record = (line: object) => appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, at: Date.now(), ...line })}\n`);
const log =
  (level: string) =>
  (obj: object, msg?: string): void => {
    const { err, ...rest } = obj as { err?: unknown };
    record({ log: level, msg, ...rest, ...(err === undefined ? {} : { err: String(err) }) });
  };
const scheduler = createScheduler({
  leases: store.leases,
  clock: systemClock,
  logger: { info: log('info'), warn: log('warn'), error: log('error') },
  leaseTtlMs: Number(ttlArg),
  tickMs: 50,
});
const holder = scheduler.holder;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

scheduler.every('long', 100, async (lease) => {
  record({ task: 'long', phase: 'start', holder, token: lease.token });
  const until = Date.now() + Number(longArg);
  for (let seq = 0; Date.now() < until; seq++) {
    const wrote = await store.transaction(async (tx) => {
      if (!(await tx.leases.isHeld({ ...lease, now: systemClock.now() }))) return false;
      await tx.views.record(`lease-test:${holder}:${lease.token}:${seq}`, systemClock.now());
      return true;
    });
    if (!wrote) {
      record({ task: 'long', phase: 'fenced', holder, token: lease.token });
      return;
    }
    record({ task: 'long', phase: 'write', holder, token: lease.token, seq });
    process.stdout.write('write\n');
    await pause(100);
  }
  record({ task: 'long', phase: 'end', holder, token: lease.token });
});
scheduler.every('release', 100, async (lease) => {
  record({ task: 'release', phase: 'run', holder, token: lease.token });
});

scheduler.start();
// The scheduler's timers do not hold a process open (a server's socket does): this one does.
setInterval(() => {}, 60_000);
process.once('SIGTERM', () => {
  void scheduler
    .stop()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
