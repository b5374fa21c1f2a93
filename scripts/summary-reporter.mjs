// A node:test reporter that counts, per test file, the tests that passed, failed and
// were skipped (with each skip's name and reason), and writes one JSON object when the run
// ends, with the time of each top-level test and suite. `run-tests.mjs` reads it to check
// that every listed file ran tests, to judge and list the skips, to list the slowest tests,
// and to print the closing count line.
//
// A test's `file` is where `it` was called: a test made by a helper (describeEngines)
// counts for the helper's file.
//
// Node's own summary counts a file that defines no test, or that fails to load, as one
// "test" named after the file, so it cannot tell an empty file from a real test.

/** How scripts/test-timeout.mjs starts the line it writes before it ends a stuck test process. */
const timeoutMarker = 'lede-test-timeout:';

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* summaryReporter(source) {
  /** @type {Map<string, { passed: number, failed: number, skipped: number, fileErrors: string[], skips: Array<{ name: string, reason: string, todo?: boolean }> }>} */
  const files = new Map();
  /** Top-level tests and suites with their time: where a run's time goes. */
  const timings = [];
  const statsOf = (file) => {
    let stats = files.get(file);
    if (stats === undefined) {
      stats = { passed: 0, failed: 0, skipped: 0, fileErrors: [], skips: [] };
      files.set(file, stats);
    }
    return stats;
  };

  for await (const event of source) {
    // scripts/test-timeout.mjs ends a stuck test process with one line on stderr.
    if (event.type === 'test:stderr' && String(event.data.message).includes(timeoutMarker)) {
      const line = String(event.data.message)
        .split('\n')
        .find((text) => text.includes(timeoutMarker));
      statsOf(event.data.file ?? '<unknown file>').fileErrors.push(line.slice(line.indexOf(timeoutMarker) + timeoutMarker.length).trim());
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    const stats = statsOf(data.file ?? '<unknown file>');
    const failed = event.type === 'test:fail';
    const error = data.details?.error;

    // The file itself, as a test: it passes with no test in it, and fails when the file
    // does not load, exits non-zero, or outlives the file timeout.
    if (data.nesting === 0 && data.name === data.file) {
      if (failed) {
        stats.failed += 1;
        stats.fileErrors.push(describeError(error));
      }
      continue;
    }
    if (data.nesting === 0) timings.push({ name: data.name, file: data.file, ms: Math.round(data.details?.duration_ms ?? 0) });

    if (data.skip !== undefined && data.skip !== false) {
      stats.skipped += 1;
      stats.skips.push({ name: data.name, reason: typeof data.skip === 'string' ? data.skip : '' });
    } else if (data.todo !== undefined && data.todo !== false) {
      stats.skipped += 1;
      stats.skips.push({ name: data.name, reason: typeof data.todo === 'string' ? `todo: ${data.todo}` : 'todo', todo: true });
    } else if (data.details?.type === 'suite') {
      // A suite fails when a test in it failed (already counted) or when one of its hooks
      // failed, which no test reports on its own.
      if (failed && error?.failureType !== 'subtestsFailed') stats.failed += 1;
    } else if (failed) {
      stats.failed += 1;
    } else {
      stats.passed += 1;
    }
  }

  yield `${JSON.stringify({ files: Object.fromEntries(files), timings })}\n`;
}

function describeError(error) {
  if (error === undefined || error === null) return 'failed';
  const cause = error.cause;
  const message = typeof cause?.message === 'string' ? cause.message : String(error.message ?? error);
  return error.failureType ? `${error.failureType}: ${message}` : message;
}
