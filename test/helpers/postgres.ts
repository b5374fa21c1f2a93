import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import pg from 'pg';

export type EngineName = 'sqlite' | 'postgres';

/**
 * The database a suite of `describeEngines` runs against. Read `url` (and `searchPath`)
 * where the store is opened: inside a test (or its `beforeEach`/`afterEach`) it names a
 * database of that test's own, empty, shared by every store the test opens; in the suite's
 * `before`/`after` hooks it names one database of the suite's own.
 */
export interface TestEngine {
  readonly name: EngineName;
  /** `sqlite:/tmp/…/db-3.sqlite`, or the PostgreSQL URL with `?options=-c search_path=t_…`. */
  readonly url: string;
  /** PostgreSQL only: the throwaway schema that `url` selects (for code that takes it apart). */
  readonly searchPath?: string;
}

/** The name of the visible skipped test when PostgreSQL is not configured. */
export const postgresSkipName = 'skipped: no LEDE_TEST_DATABASE_URL';

/** Tests may read LEDE_TEST_* keys; src/ never does (see test/architecture.test.ts). */
export function postgresTestUrl(): string | undefined {
  const url = process.env.LEDE_TEST_DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/**
 * Runs `fn` as one suite per engine: SQLite always, PostgreSQL when LEDE_TEST_DATABASE_URL
 * is set. Without it, the PostgreSQL suite is one skipped test named
 * "skipped: no LEDE_TEST_DATABASE_URL"; with CI=true it is a failing test instead.
 *
 * Each test gets a fresh database (a SQLite file in a temp folder, or a PostgreSQL schema
 * `t_<random>`), dropped when the suite ends, after every test has closed its stores.
 * Tests of one suite must run one at a time (the default), as `engine` follows the
 * running test.
 */
export function describeEngines(name: string, fn: (engine: TestEngine) => void): void {
  describe(`${name} [sqlite]`, () => {
    let dir = '';
    let count = 0;
    const engine = { name: 'sqlite' as const, url: '' };
    const fresh = () => {
      count += 1;
      engine.url = `sqlite:${join(dir, `db-${count}.sqlite`)}`;
    };
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lede-test-'));
      fresh();
    });
    beforeEach(fresh);
    fn(engine);
    after(() => rm(dir, { recursive: true, force: true }));
  });

  describe(`${name} [postgres]`, () => {
    const baseUrl = postgresTestUrl();
    if (baseUrl === undefined) {
      if (process.env.CI === 'true') {
        it('has LEDE_TEST_DATABASE_URL (CI=true runs every PostgreSQL suite)', () => {
          assert.fail('CI=true, but LEDE_TEST_DATABASE_URL is not set: PostgreSQL suites may not be skipped in CI');
        });
      } else {
        it(postgresSkipName, { skip: true }, () => {});
      }
      return;
    }

    const admin = new pg.Client({ connectionString: baseUrl });
    const schemas: string[] = [];
    const engine: { name: 'postgres'; url: string; searchPath?: string } = { name: 'postgres', url: baseUrl };
    const fresh = async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      engine.url = withSearchPath(baseUrl, schema);
      engine.searchPath = schema;
    };
    before(async () => {
      await admin.connect();
      await fresh();
    });
    beforeEach(fresh);
    fn(engine);
    after(async () => {
      try {
        if (schemas.length > 0) await admin.query(`DROP SCHEMA IF EXISTS ${schemas.join(', ')} CASCADE`);
      } finally {
        await admin.end();
      }
    });
  });
}

/** `postgres://…/db?options=-c%20search_path%3Dt_x`: pg and libpq read `options` from the URL. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const existing = parsed.searchParams.get('options');
  const options = `${existing ? `${existing} ` : ''}-c search_path=${schema}`;
  parsed.searchParams.delete('options');
  const rest = parsed.searchParams.toString();
  parsed.search = `${rest ? `${rest}&` : ''}options=${encodeURIComponent(options)}`;
  return parsed.toString();
}
