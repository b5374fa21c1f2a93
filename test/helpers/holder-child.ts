/**
 * One process of the dead-holder tests (test/store/holder-processes.test.ts): real claims of
 * outbox rows and a real lease over a shared database, through the store and store/holder.ts,
 * as the outbox worker and the scheduler make them. Every step is a JSON line appended to a
 * file shared by all processes.
 *
 *   node --import tsx test/helpers/holder-child.ts URL SEARCH_PATH LOG_FILE crash|work START_AT
 *
 * `crash` takes the lease and claims three rows, prints `ready`, and waits to be SIGKILLed with
 * them held. `work` waits until START_AT (ms since the epoch, so that every worker starts at
 * once), lets go of what processes that are gone held (as `freeGoneLeases` and `freeGoneClaims`
 * do), delivers due rows one at a time, and tries for the lease until it holds it, then keeps it.
 */
import { appendFileSync } from 'node:fs';
import { isHolderGone, newHolderId } from '../../src/store/holder.js';
import { openStore } from '../../src/store/open.js';

const [url = '', searchPath = '', logFile = '', mode = 'work', startArg = '0'] = process.argv.slice(2);
const leaseName = 'holder-test';
/** Far longer than a test: whatever is taken over was let go because its holder is gone, never because it ran out. */
const holdMs = 600_000;
const store = await openStore({ url, searchPath: searchPath || undefined });
const holder = newHolderId(mode === 'crash' ? 'crash' : 'outbox');
const record = (line: object) => appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, holder, at: Date.now(), ...line })}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const claim = () => store.outbox.claimNext({ channel: 'telegram', holder, now: new Date(), claimMs: holdMs });
let heldToken: number | undefined;
/** Takes the lease, or renews it once held; a line for each time it is taken (not renewed). */
const takeLease = async () => {
  const lease = await store.leases.tryAcquire({ name: leaseName, holder, ttlMs: holdMs, now: new Date() });
  if (lease && lease.token !== heldToken) record({ lease: 'taken', token: lease.token });
  heldToken = lease?.token;
  return lease;
};
// Keeps the process alive until it is killed (the store's pool may not).
setInterval(() => {}, 60_000);

if (mode === 'crash') {
  if (!(await takeLease())) throw new Error('the crash process must take the lease first');
  for (let n = 0; n < 3; n++) {
    const entry = await claim();
    if (entry) record({ claimed: entry.id });
  }
  process.stdout.write('ready\n');
} else {
  await pause(Math.max(0, Number(startArg) - Date.now()));
  for (const lease of await store.leases.listHeld(new Date())) {
    if (lease.name !== leaseName || !isHolderGone(lease.holder)) continue;
    await store.leases.release(lease.name, lease.holder);
    record({ freedLease: lease.holder });
  }
  const gone = (await store.outbox.claimHolders()).filter(isHolderGone);
  record({ freedClaims: await store.outbox.endClaimsOf(gone), gone });
  for (;;) {
    await takeLease();
    const entry = await claim();
    if (entry) {
      record({ delivered: entry.id });
      const isFinished = await store.outbox.finish({ id: entry.id, holder, status: 'delivered', now: new Date() });
      if (!isFinished) record({ lostClaim: entry.id });
    } else {
      await pause(20);
    }
  }
}
