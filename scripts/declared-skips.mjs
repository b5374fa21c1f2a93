// The skips the test suite declares: the only ones a run under CI=true may contain, and only
// those marked `inCi`. A test declares its skip by a reason that starts with the name and a
// colon, `t.skip('no-postgres: LEDE_TEST_DATABASE_URL is not set')` (in TypeScript through
// `skipReason` in test/helpers/skips.ts). run-tests.mjs lists every skip of a run with its
// reason; under CI=true any other skip, or a `todo`, fails the run.

/** @type {ReadonlyArray<{ name: string, inCi: boolean, why: string }>} */
export const declaredSkips = Object.freeze([
  {
    name: 'no-postgres',
    inCi: false,
    why: 'LEDE_TEST_DATABASE_URL is not set: the PostgreSQL half of describeEngines suites needs a server (.ci/run provides one)',
  },
  {
    name: 'no-chromium',
    inCi: false,
    why: '/usr/bin/chromium is missing: the browser tests need it (.ci/run installs it)',
  },
  {
    name: 'no-shared-samples',
    inCi: true,
    why: 'wire samples whose licence keeps them out of the repository (GPL) are read from ../shared when it is there, which a fresh clone is not',
  },
]);

/** The declared skip that `reason` names, if any. */
export function declaredSkipOf(reason) {
  if (typeof reason !== 'string') return undefined;
  return declaredSkips.find((skip) => reason.startsWith(`${skip.name}:`));
}
