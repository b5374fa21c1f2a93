// Preloaded into every test process by run-tests.mjs (`--import`): ends a test file whose
// test, or whose hooks between tests, outlive LEDE_TEST_TIMEOUT_MS.
//
// Why: on Node 20, `--test-timeout` limits each test *file* (its child process) and gives
// the tests inside it no limit at all; a test's own limit is its `timeout` option, and
// node:test has no public way to give every test a default one. So this file registers
// root-level `beforeEach`/`afterEach` hooks (public API: root hooks apply to every test of
// the file, nested ones included) that note when each test starts and ends, and a
// watchdog: when a test has run longer than the limit, or when no test started or ended
// for that long (a suite's `before`/`after` hook that hangs), it prints which test or gap
// and exits the process with code 1. run-tests.mjs then reports the file as failed with
// that line. The tests after the stuck one do not run, nor do the files that share its
// process (they show as "ran no test"): a hung test is a bug to fix, not to run around.
//
// An explicit `timeout` option on a test still works as node:test defines it.
import { afterEach, beforeEach } from 'node:test';

/** How the line starts that summary-reporter.mjs looks for in a test process's stderr. */
const timeoutMarker = 'lede-test-timeout:';

const limit = Number(process.env.LEDE_TEST_TIMEOUT_MS);

if (Number.isFinite(limit) && limit > 0) {
  /** @type {Map<object, { name: string, startedAt: number }>} */
  const running = new Map();
  let lastActivity = { at: Date.now(), what: 'loading the file' };

  beforeEach((t) => {
    running.set(t, { name: t.name, startedAt: Date.now() });
    lastActivity = { at: Date.now(), what: `the start of "${t.name}"` };
  });
  afterEach((t) => {
    running.delete(t);
    lastActivity = { at: Date.now(), what: `the end of "${t.name}"` };
  });

  const watchdog = setInterval(
    () => {
      const now = Date.now();
      for (const test of running.values()) {
        if (now - test.startedAt > limit) stop(`test "${test.name}" timed out after ${limit} ms`);
      }
      if (running.size === 0 && now - lastActivity.at > limit)
        stop(`no test started for ${limit} ms after ${lastActivity.what}: a hook hangs`);
    },
    Math.min(1000, Math.max(50, limit / 10)),
  );
  watchdog.unref();
}

function stop(message) {
  process.stderr.write(`${timeoutMarker} ${message} (LEDE_TEST_TIMEOUT_MS)\n`);
  process.exit(1);
}
