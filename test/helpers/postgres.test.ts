import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postgresSkipReason, postgresTestUrl, withSearchPath } from './postgres.js';
import { createTmpDir } from './tmp-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = 'test/fixtures/helpers/engines.ts';
const migratedFixture = 'test/fixtures/helpers/engines-migrated.ts';

interface Recorded {
  where: string;
  name: 'sqlite' | 'postgres';
  url: string;
  searchPath?: string;
  stories?: number;
  latestEvent?: number;
  eventAfter?: number;
}

/** Runs the fixture suite in a child process with exactly the given LEDE_TEST_DATABASE_URL and CI. */
async function runFixture(t: TestContext, env: { url?: string; ci?: string }, file = fixture) {
  const out = join(await createTmpDir(t), 'engines.jsonl');
  const { NODE_TEST_CONTEXT: _context, LEDE_TEST_DATABASE_URL: _url, CI: _ci, ...outer } = process.env;
  const childEnv: NodeJS.ProcessEnv = { ...outer, LEDE_TEST_FIXTURE_OUT: out };
  if (env.url !== undefined) childEnv.LEDE_TEST_DATABASE_URL = env.url;
  if (env.ci !== undefined) childEnv.CI = env.ci;
  const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', file], { cwd: root, env: childEnv });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const recorded: Recorded[] = existsSync(out)
    ? readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];
  return { code, output, recorded };
}

/** Like describeEngines' own rule: without a URL, skip with the reason, or fail when CI=true. */
function postgresOnly(t: TestContext): string | undefined {
  const url = postgresTestUrl();
  if (url !== undefined) return url;
  assert.notEqual(process.env.CI, 'true', 'CI=true, but LEDE_TEST_DATABASE_URL is not set');
  t.skip(postgresSkipReason);
  return undefined;
}

describe('describeEngines', () => {
  it('gives each SQLite test a file of its own and removes them when the suite ends', async (t) => {
    const run = await runFixture(t, {});
    assert.equal(run.code, 0, run.output);
    const sqlite = run.recorded.filter((r) => r.name === 'sqlite');
    assert.deepEqual(
      sqlite.map((r) => r.where),
      ['before', 'test 1', 'test 2'],
    );
    const urls = sqlite.map((r) => r.url);
    assert.equal(new Set(urls).size, 3, 'three different files');
    for (const url of urls) assert.match(url, /^sqlite:\/.+/);
    const dir = dirname(urls[0]!.slice('sqlite:'.length));
    assert.equal(existsSync(dir), false, `${dir} is removed`);
  });

  it('shows a skipped test when LEDE_TEST_DATABASE_URL is not set', async (t) => {
    const run = await runFixture(t, {});
    assert.equal(run.code, 0, run.output);
    assert.match(
      run.output,
      /engines fixture \[postgres\][\s\S]*skipped: no LEDE_TEST_DATABASE_URL.*# no-postgres: LEDE_TEST_DATABASE_URL is not set/,
    );
    assert.deepEqual(
      run.recorded.filter((r) => r.name === 'postgres'),
      [],
    );
  });

  it('fails instead of skipping when CI=true', async (t) => {
    const run = await runFixture(t, { ci: 'true' });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /CI=true, but LEDE_TEST_DATABASE_URL is not set/);
  });

  it('gives each PostgreSQL test a schema of its own and drops them when the suite ends', async (t) => {
    const url = postgresOnly(t);
    if (url === undefined) return;
    const run = await runFixture(t, { url, ci: 'true' });
    assert.equal(run.code, 0, run.output);
    const postgres = run.recorded.filter((r) => r.name === 'postgres');
    assert.deepEqual(
      postgres.map((r) => r.where),
      ['before', 'test 1', 'test 2'],
    );
    const schemas = postgres.map((r) => r.searchPath ?? '');
    assert.equal(new Set(schemas).size, 3);
    for (const [i, schema] of schemas.entries()) {
      assert.match(schema, /^t_[0-9a-f]{12}$/);
      assert.equal(postgres[i]?.url, withSearchPath(url, schema));
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    t.after(() => client.end());
    const { rows } = await client.query('SELECT schema_name FROM information_schema.schemata WHERE schema_name = ANY($1)', [schemas]);
    assert.deepEqual(rows, [], 'the schemas are dropped');
  });
});

describe('describeEngines with { migrated: true }', () => {
  /** Both tests found a migrated database with no story and no event, and could write. */
  function assertFreshEachTime(recorded: Recorded[]) {
    assert.deepEqual(
      recorded.map((r) => [r.where, r.stories, r.latestEvent, r.eventAfter]),
      [
        ['test 1', 0, 0, 1],
        ['test 2', 0, 0, 1],
      ],
    );
  }

  it('gives each SQLite test a migrated database without rows, in a file of its own', async (t) => {
    const run = await runFixture(t, {}, migratedFixture);
    assert.equal(run.code, 0, run.output);
    const sqlite = run.recorded.filter((r) => r.name === 'sqlite');
    assertFreshEachTime(sqlite);
    assert.notEqual(sqlite[0]?.url, sqlite[1]?.url);
    assert.equal(existsSync(dirname(sqlite[0]!.url.slice('sqlite:'.length))), false, 'the files are removed');
  });

  it('gives each PostgreSQL test the migrated schema emptied, sequences restarted, and drops it when the suite ends', async (t) => {
    const url = postgresOnly(t);
    if (url === undefined) return;
    const run = await runFixture(t, { url, ci: 'true' }, migratedFixture);
    assert.equal(run.code, 0, run.output);
    const postgres = run.recorded.filter((r) => r.name === 'postgres');
    assertFreshEachTime(postgres);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    t.after(() => client.end());
    const { rows } = await client.query('SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1', [
      postgres[0]?.searchPath,
    ]);
    assert.deepEqual(rows, [], 'the schema is dropped');
  });
});

describe('withSearchPath', () => {
  it('adds the search_path as libpq options', () => {
    assert.equal(
      withSearchPath('postgres://root@127.0.0.1:5432/test', 't_1'),
      'postgres://root@127.0.0.1:5432/test?options=-c%20search_path%3Dt_1',
    );
  });

  it('keeps other parameters and options', () => {
    assert.equal(
      withSearchPath('postgres://u:p@db/x?sslmode=disable&options=-c%20statement_timeout%3D5000', 't_2'),
      'postgres://u:p@db/x?sslmode=disable&options=-c%20statement_timeout%3D5000%20-c%20search_path%3Dt_2',
    );
  });
});
