// Preloaded into every test process by run-tests.mjs (`--import`, with
// `--expose-internals`): gives each test and hook a default timeout of
// LEDE_TEST_TIMEOUT_MS.
//
// Why: on Node 20, `--test-timeout` limits each test *file* (its child process) and gives
// the tests inside it no limit at all, so a per-test limit has to be each test's own
// `timeout` option. Wrapping `it`/`test` would do it, but node:test records the caller
// of `it` as the test's location and file (the reporters' `file`), which would then be
// the wrapper. So this patches where node:test creates a test, after that location is
// taken. It relies on Node internals: when they are missing it warns and does nothing.
//
// An explicit `timeout` option wins. Suites keep none (a suite's timeout would cover all
// its tests), and the per-file test of the runner process keeps --test-timeout.
import { createRequire } from 'node:module';

const timeout = Number(process.env.LEDE_TEST_TIMEOUT_MS);

if (Number.isFinite(timeout) && timeout > 0) {
  const internals = loadInternals();
  if (internals === undefined) {
    process.emitWarning('test-timeout.mjs: node:test internals not found, tests have no default timeout');
  } else {
    const { Test } = internals;
    const { createSubtest, createHook } = Test.prototype;
    // Same argument shapes as node:test's `createSubtest(Factory, name, options, fn, overrides)`.
    Test.prototype.createSubtest = function (Factory, name, options, fn, overrides) {
      if (Factory !== Test) return createSubtest.call(this, Factory, name, options, fn, overrides);
      if (typeof name === 'function') {
        fn = name;
        options = undefined;
      } else if (name !== null && typeof name === 'object') {
        fn = options;
        options = name;
      } else if (typeof options === 'function') {
        fn = options;
        options = undefined;
      }
      const withTimeout = { ...options, timeout: options?.timeout ?? timeout };
      const label = typeof name === 'string' ? name : undefined;
      return createSubtest.call(this, Factory, label, withTimeout, fn, overrides);
    };
    Test.prototype.createHook = function (name, fn, options) {
      return createHook.call(this, name, fn, { ...options, timeout: options?.timeout ?? timeout });
    };
  }
}

function loadInternals() {
  try {
    const internals = createRequire(import.meta.url)('internal/test_runner/test');
    const { Test } = internals;
    const isUsable = typeof Test?.prototype?.createSubtest === 'function' && typeof Test.prototype.createHook === 'function';
    return isUsable ? internals : undefined;
  } catch {
    return undefined;
  }
}
