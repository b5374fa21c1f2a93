import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = 'test/fixtures/run-tests';

interface Run {
  code: number | null;
  output: string;
  lastLine: string;
}

function runTests(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // Without NODE_TEST_CONTEXT, which would make the inner runner talk to this one, and
  // without CI unless given: the outcome of some fixtures depends on it.
  const { NODE_TEST_CONTEXT: _, CI: _ci, ...outer } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/run-tests.mjs', ...args], {
      cwd: root,
      env: { ...outer, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = output.trimEnd().split('\n');
      resolve({ code, output, lastLine: lines.at(-1) ?? '' });
    });
  });
}

describe('scripts/run-tests.mjs', () => {
  it('passes a passing file and ends with the count line', async () => {
    const run = await runTests([`${fixtures}/passing.test.ts`]);
    assert.equal(run.code, 0, run.output);
    assert.equal(run.lastLine, 'tests: 2 passed, 0 failed, 1 skipped');
    assert.match(run.output, /is skipped with a reason/);
  });

  it('fails on a failing test, a failing hook, a file that does not load and a file without tests', async () => {
    const files = ['failing', 'hook-failure', 'broken', 'empty'].map((name) => `${fixtures}/${name}.test.ts`);
    const run = await runTests(files);
    assert.equal(run.code, 1, run.output);
    assert.equal(run.lastLine, 'tests: 2 passed, 4 failed, 0 skipped');
    assert.match(run.output, /test\/fixtures\/run-tests\/broken\.test\.ts: testCodeFailure/);
    assert.match(run.output, /test\/fixtures\/run-tests\/empty\.test\.ts: ran no test/);
  });

  it('times out each test and each hook between tests, not each file, without node:test internals', async () => {
    const files = ['slow', 'too-slow', 'hook-too-slow'].map((name) => `${fixtures}/${name}.test.ts`);
    const run = await runTests(files, { LEDE_TEST_TIMEOUT_MS: '1500' });
    assert.equal(run.code, 1, run.output);
    // slow: three 600 ms tests pass although together they outlast 1500 ms;
    // too-slow: the first test times out and ends its file; hook-too-slow: the hook does.
    assert.equal(run.lastLine, 'tests: 3 passed, 2 failed, 0 skipped');
    assert.match(run.output, /too-slow\.test\.ts: test "takes 3 s" timed out after 1500 ms/);
    assert.match(run.output, /hook-too-slow\.test\.ts: no test started for 1500 ms after loading the file: a hook hangs/);
    assert.doesNotMatch(run.output, /is never reached/);
  });

  it('runs node without --expose-internals', async () => {
    const source = await readFile(join(root, 'scripts/run-tests.mjs'), 'utf8');
    assert.doesNotMatch(source, /--expose-internals/);
    const preload = await readFile(join(root, 'scripts/test-timeout.mjs'), 'utf8');
    assert.doesNotMatch(preload, /internal\//);
  });

  it('lists every skip with its reason, and whether it is declared', async () => {
    const files = ['skips-declared', 'skips-undeclared'].map((name) => `${fixtures}/${name}.test.ts`);
    const run = await runTests(files);
    assert.equal(run.code, 0, run.output);
    assert.equal(run.lastLine, 'tests: 2 passed, 0 failed, 6 skipped');
    const listed = run.output.slice(run.output.indexOf('\nSkipped:\n')).split('\n').slice(2, 8);
    assert.deepEqual(listed, [
      `  ${fixtures}/skips-declared.test.ts: reads the licensed samples: no-shared-samples: fixture: ../shared is not there [declared]`,
      `  ${fixtures}/skips-declared.test.ts: talks to PostgreSQL: no-postgres: fixture: no URL [declared, not in CI]`,
      `  ${fixtures}/skips-undeclared.test.ts: has no reason: no reason given [not a declared skip]`,
      `  ${fixtures}/skips-undeclared.test.ts: has a reason of its own: not in any supported wire format [not a declared skip]`,
      `  ${fixtures}/skips-undeclared.test.ts: gives up half way: sample absent [not a declared skip]`,
      `  ${fixtures}/skips-undeclared.test.ts: is for later: todo: write it [not a declared skip]`,
    ]);
  });

  it('under CI=true, passes a skip declared for CI and fails every other skip and todo', async () => {
    const allowed = await runTests([`${fixtures}/skips-in-ci.test.ts`], { CI: 'true' });
    assert.equal(allowed.code, 0, allowed.output);
    assert.equal(allowed.lastLine, 'tests: 1 passed, 0 failed, 1 skipped');

    const files = ['skips-declared', 'skips-undeclared'].map((name) => `${fixtures}/${name}.test.ts`);
    const run = await runTests(files, { CI: 'true' });
    assert.equal(run.code, 1, run.output);
    assert.equal(run.lastLine, 'tests: 2 passed, 5 failed, 6 skipped');
    const problems = run.output.slice(run.output.indexOf('\nProblems:\n')).split('\n').slice(2, 7);
    assert.deepEqual(problems, [
      `  ${fixtures}/skips-declared.test.ts: "talks to PostgreSQL" skipped (no-postgres: fixture: no URL): may not be skipped under CI=true`,
      `  ${fixtures}/skips-undeclared.test.ts: "has no reason" skipped (no reason given): is not a declared skip (scripts/declared-skips.mjs)`,
      `  ${fixtures}/skips-undeclared.test.ts: "has a reason of its own" skipped (not in any supported wire format): is not a declared skip (scripts/declared-skips.mjs)`,
      `  ${fixtures}/skips-undeclared.test.ts: "gives up half way" skipped (sample absent): is not a declared skip (scripts/declared-skips.mjs)`,
      `  ${fixtures}/skips-undeclared.test.ts: "is for later" skipped (todo: write it): is not a declared skip (scripts/declared-skips.mjs)`,
    ]);
  });

  it('counts each file of a shared process on its own, a file that does not load and one without tests included', async () => {
    const files = ['passing', 'failing', 'broken', 'empty'].map((name) => `${fixtures}/${name}.test.ts`);
    const run = await runTests(files, { LEDE_TEST_SHARED_PROCESS_PREFIX: `${fixtures}/` });
    assert.equal(run.code, 1, run.output);
    // As in processes of their own, plus the failing test that stands for broken.test.ts.
    assert.equal(run.lastLine, 'tests: 3 passed, 4 failed, 1 skipped');
    assert.match(run.output, /✖ test\/fixtures\/run-tests\/broken\.test\.ts loads/);
    assert.match(run.output, /test\/fixtures\/run-tests\/broken\.test\.ts: ran no test/);
    assert.match(run.output, /test\/fixtures\/run-tests\/empty\.test\.ts: ran no test/);
    assert.doesNotMatch(run.output, /(passing|failing)\.test\.ts: ran no test/);
  });

  it('ends a file that never exits after the file timeout', async () => {
    const run = await runTests([`${fixtures}/never-exits.test.ts`], { LEDE_TEST_FILE_TIMEOUT_MS: '4000' });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /never-exits\.test\.ts: testTimeoutFailure: test timed out after 4000ms/);
    assert.equal(run.lastLine, 'tests: 1 passed, 1 failed, 0 skipped');
  });

  it('selects files by folder and by path prefix', async () => {
    const byFolder = await runTests(['--list', fixtures]);
    assert.equal(byFolder.code, 0, byFolder.output);
    assert.ok(byFolder.output.split('\n').includes(`${fixtures}/passing.test.ts`));
    const wholeTest = await runTests(['--list', 'test']);
    assert.ok(wholeTest.output.includes('test/run-tests.test.ts'));
    assert.ok(!wholeTest.output.includes('test/fixtures/'), 'fixtures only when asked for by a path inside them');
    const byPrefix = await runTests(['--list', `${fixtures}/pass`, `${fixtures}/fail`]);
    assert.deepEqual(byPrefix.output.trim().split('\n'), [`${fixtures}/failing.test.ts`, `${fixtures}/passing.test.ts`]);
  });

  it('runs every test file, the browser ones included, and leaves fixtures out', async () => {
    const run = await runTests(['--list']);
    assert.equal(run.code, 0, run.output);
    const files = run.output.trim().split('\n');
    assert.ok(files.includes('test/run-tests.test.ts'));
    assert.ok(files.includes('test/browser/reader.test.ts'));
    assert.deepEqual(
      files.filter((file) => file.startsWith('test/fixtures/')),
      [],
    );
  });

  it('refuses a selection that matches no test file', async () => {
    const run = await runTests(['test/no-such-thing']);
    assert.equal(run.code, 1);
    assert.match(run.output, /no test file matches test\/no-such-thing/);
  });
});
