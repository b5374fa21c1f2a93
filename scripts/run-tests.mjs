#!/usr/bin/env node
// The test runner behind `npm test`.
//
//   node scripts/run-tests.mjs                 every *.test.ts under src/ and test/
//   node scripts/run-tests.mjs test/store src/core/versioning.test.ts test/http/art
//                                              files, folders, or path prefixes
//   node scripts/run-tests.mjs --test-name-pattern="kill"   (passed on to node)
//   node scripts/run-tests.mjs --list test/store            print the files, run nothing
//
// On Node 20, `node --test` neither expands globs nor strips types, so this script lists
// the files itself and runs them with `node --import tsx --test`. The default run leaves
// out test/fixtures/ (not tests). The browser tests in test/browser/ run too: without Chromium
// they show as skipped (and fail under CI=true); `npm run test:browser` runs them alone.
//
// Node's own summary counts a file without tests as a passing test, so a reporter
// (summary-reporter.mjs) counts real tests per file. The run fails when a test fails,
// when a listed file fails to load or ran no test, or when no test ran at all. The last
// line is `tests: N passed, N failed, N skipped`.
//
// Skips: every skipped test is listed with its reason before that line. Under CI=true, a
// skip other than a declared one allowed in CI (declared-skips.mjs), or a todo, fails the
// run: no test may pass in CI by skipping its subject.
//
// Limits: LEDE_TEST_TIMEOUT_MS per test and between tests (default 120000, see
// test-timeout.mjs), LEDE_TEST_FILE_TIMEOUT_MS per file, a guard against files that never
// exit (default 300000).
//
// Processes: most test files share a few processes (planProcesses: tsx costs each process
// about 2 s of CPU); files that spawn processes or touch the process keep their own.
// LEDE_TEST_CONCURRENCY processes run at once (default 2, the machine's cores).
//
// Time: the run lists its slowest top-level tests and suites (LEDE_TEST_SLOWEST of them,
// default 10) before the last line.
//
// LEDE_TEST_CACHE_DIR, a folder of this run, holds what the test processes make once per
// run and share (the loaded demo, test/helpers/demo-template.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { declaredSkipOf } from './declared-skips.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['src', 'test'];
const skippedByDefault = new Set(['test/fixtures']);
// What makes a test file keep a process of its own (see planProcesses). A file that only runs
// a command to its end (execFile, runLede: the real `lede`) or a Chromium it closes may share.
const ownProcessPattern =
  /\b(spawn|fork|Worker)\b|process\.(on|once|exit|chdir|kill)\b|process\.env\.\w+\s*=[^=]|process\.env\[[^\]]+\]\s*=[^=]|delete process\.env|lede-test: own process/;

/** How many of the slowest top-level tests and suites the run lists (LEDE_TEST_SLOWEST). */
const slowestShown = Number(process.env.LEDE_TEST_SLOWEST || 10);
const forwardedFlags = ['--test-name-pattern', '--test-only'];

const args = process.argv.slice(2);
const nodeFlags = args.filter((arg) => forwardedFlags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
const listOnly = args.includes('--list');
const unknownFlags = args.filter((arg) => arg.startsWith('-') && arg !== '--list' && !nodeFlags.includes(arg));
if (unknownFlags.length > 0) fail(`unknown option ${unknownFlags.join(' ')} (accepted: --list, ${forwardedFlags.join(', ')})`);
const selectors = args.filter((arg) => !arg.startsWith('-'));

const files = selectors.length === 0 ? listDefault() : selectors.flatMap(select);
const unique = [...new Set(files)].sort();
if (unique.length === 0) fail('no test files found');
if (listOnly) {
  for (const file of unique) console.log(file);
  process.exit(0);
}

const testTimeout = positiveInteger('LEDE_TEST_TIMEOUT_MS', 120_000);
const fileTimeout = positiveInteger('LEDE_TEST_FILE_TIMEOUT_MS', 300_000);
const concurrency = positiveInteger('LEDE_TEST_CONCURRENCY', 2, 'a positive number of test files');
// Only the files under this prefix share processes (see planProcesses); for run-tests.test.ts.
const sharedProcessPrefix = process.env.LEDE_TEST_SHARED_PROCESS_PREFIX || undefined;
const workDir = mkdtempSync(join(tmpdir(), 'lede-run-tests-'));
const plan = planProcesses(unique);
const summaryFile = join(workDir, 'summary.json');
const script = (name) => pathToFileURL(join(root, 'scripts', name)).href;

console.log(`Running ${unique.length} test file${unique.length === 1 ? '' : 's'}`);
const exitCode = await runNode([
  '--import',
  'tsx',
  '--import',
  script('test-timeout.mjs'),
  '--test',
  `--test-concurrency=${concurrency}`,
  // node:test's file timeout is per process: a shared one gets that of all its files.
  `--test-timeout=${fileTimeout * plan.filesPerProcess}`,
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${script('summary-reporter.mjs')}`,
  `--test-reporter-destination=${summaryFile}`,
  ...nodeFlags,
  ...plan.files,
]);

const summary = readSummary();
rmSync(workDir, { recursive: true, force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const [file, stats] of Object.entries(summary?.files ?? {})) {
  passed += stats.passed;
  failed += stats.failed;
  skipped += stats.skipped;
  for (const error of stats.fileErrors) problems.push(`${display(file)}: ${error}`);
}

const isCi = process.env.CI === 'true';
const skips = Object.entries(summary?.files ?? {}).flatMap(([file, stats]) =>
  (stats.skips ?? []).map((skip) => ({ ...skip, file: display(file), declared: skip.todo ? undefined : declaredSkipOf(skip.reason) })),
);
if (skips.length > 0) {
  console.log('\nSkipped:');
  for (const skip of skips) {
    const status = skip.declared === undefined ? 'not a declared skip' : skip.declared.inCi ? 'declared' : 'declared, not in CI';
    console.log(`  ${skip.file}: ${skip.name}: ${skip.reason || 'no reason given'} [${status}]`);
  }
}
if (isCi) {
  for (const skip of skips) {
    if (skip.declared?.inCi) continue;
    const why = skip.declared === undefined ? 'is not a declared skip (scripts/declared-skips.mjs)' : 'may not be skipped under CI=true';
    problems.push(`${skip.file}: "${skip.name}" skipped (${skip.reason || 'no reason given'}): ${why}`);
    failed += 1;
  }
}
if (summary === undefined) {
  problems.push(`the test runner exited with code ${exitCode} and wrote no summary`);
  failed += 1;
} else {
  // With a name pattern, a file may rightly run none of its tests.
  const checkEachFile = nodeFlags.length === 0;
  for (const file of unique) {
    const stats = summary.files[resolve(root, file)];
    const ran = stats === undefined ? 0 : stats.passed + stats.failed + stats.skipped;
    if (ran === 0 && checkEachFile) {
      problems.push(`${file}: ran no test`);
      failed += 1;
    }
  }
  if (passed + failed + skipped === 0) problems.push('no test ran');
}

// Where the time goes: the slowest top-level tests and suites (a suite of a helper such as
// describeEngines is named after the helper's file, hence its name too).
const slowest = [...(summary?.timings ?? [])].sort((a, b) => b.ms - a.ms).slice(0, slowestShown);
if (unique.length > 1 && slowest.length > 0) {
  console.log('\nSlowest:');
  for (const { name, file, ms } of slowest) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name} (${display(file ?? '')})`);
}
if (problems.length > 0) {
  console.log('\nProblems:');
  for (const problem of problems) console.log(`  ${problem}`);
}
const ok = exitCode === 0 && failed === 0 && problems.length === 0 && passed + skipped > 0;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = ok ? 0 : 1;

/**
 * The test processes: which files share one. Loading TypeScript through tsx costs each
 * test process about 2 s of CPU, more than most test files take to run, so the files that
 * keep to themselves load together into a few processes (an entry file in the run's folder
 * imports them one after another). Their tests still count for their own files: node:test
 * names the file where `it` was called. Such a file must leave the process as it found it
 * (no top-level hooks, no process.env writes, handlers or exits, servers closed); a file
 * that starts processes it keeps running (spawn, fork), starts worker threads, touches the
 * process or is a fixture keeps a process of its own (ownProcessPattern), as does any file
 * that says `lede-test: own process`. A file that only runs a command and waits for its end
 * (execFile, runLede) or launches a Chromium and closes it in its hooks shares: the command
 * and the browser are processes of their own anyway.
 */
function planProcesses(files) {
  const shared = files.filter(sharesProcess);
  if (shared.length < 2) return { files, filesPerProcess: 1 };
  const count = Math.min(2 * concurrency, Math.ceil(shared.length / 2));
  const groups = Array.from({ length: count }, (_, i) => shared.filter((_, index) => index % count === i));
  const entries = groups.map((group, i) => {
    const entry = join(workDir, `shared-process-${i + 1}.test.mjs`);
    // A file that fails to load becomes a failing test named after it; the next ones still load.
    const lines = [
      '// Written by scripts/run-tests.mjs: test files that share one process.',
      "import { test } from 'node:test';",
      `for (const file of ${JSON.stringify(group)}) {`,
      `  try {`,
      `    await import(new URL(file, ${JSON.stringify(pathToFileURL(root).href)}).href);`,
      `  } catch (error) {`,
      "    test(file + ' loads', () => { throw error; });",
      `  }`,
      `}`,
    ];
    writeFileSync(entry, `${lines.join('\n')}\n`);
    return entry;
  });
  return {
    files: [...entries, ...files.filter((file) => !shared.includes(file))],
    filesPerProcess: Math.max(...groups.map((g) => g.length)),
  };
}

function sharesProcess(file) {
  if (sharedProcessPrefix !== undefined) return file.startsWith(sharedProcessPrefix);
  if (!file.startsWith('src/') && !file.startsWith('test/')) return false;
  if (file.startsWith('test/fixtures/')) return false;
  return !ownProcessPattern.test(readFileSync(join(root, file), 'utf8'));
}

function listDefault() {
  return roots.flatMap((dir) => walk(dir, skippedByDefault));
}

/** A file, a folder, or a prefix of paths relative to the checkout. */
function select(selector) {
  const absolute = resolve(process.cwd(), selector);
  const path = toPosix(relative(root, absolute));
  if (path.startsWith('..')) fail(`${selector} is outside the checkout`);
  // Fixtures are not tests, unless asked for by a path inside them.
  const skip = new Set(path.startsWith('test/fixtures') ? [] : ['test/fixtures']);
  if (existsSync(absolute)) {
    if (statSync(absolute).isDirectory()) {
      const found = path === '' ? roots.flatMap((dir) => walk(dir, skip)) : walk(path, skip);
      if (found.length === 0) fail(`no *.test.ts file under ${selector}`);
      return found;
    }
    if (!isTestFile(path)) fail(`${selector} is not a *.test.ts file`);
    return [path];
  }
  const found = roots.flatMap((dir) => walk(dir, skip)).filter((file) => file.startsWith(path));
  if (found.length === 0) fail(`no test file matches ${selector}`);
  return found;
}

function walk(dir, skip) {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  const found = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || skip.has(path)) continue;
    if (entry.isDirectory()) found.push(...walk(path, skip));
    else if (entry.isFile() && isTestFile(path)) found.push(path);
  }
  return found;
}

function isTestFile(path) {
  return path.endsWith('.test.ts');
}

function runNode(nodeArgs) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // LEDE_TEST_CACHE_DIR: what test processes build once per run and share (the loaded demo).
      env: { ...process.env, LEDE_TEST_TIMEOUT_MS: String(testTimeout), LEDE_TEST_CACHE_DIR: join(workDir, 'cache') },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    process.on('SIGINT', forward);
    child.on('error', (error) => {
      console.error(`cannot start node: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      process.off('SIGINT', forward);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

function readSummary() {
  try {
    return JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function positiveInteger(name, fallback, what = 'a positive number of milliseconds') {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) fail(`${name} must be ${what}, not ${raw}`);
  return value;
}

function display(file) {
  return file.startsWith(root) ? toPosix(relative(root, file)) : file;
}

function toPosix(path) {
  return path.split(sep).join('/');
}

function fail(message) {
  console.error(`run-tests: ${message}`);
  process.exit(1);
}
