import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import { copyMigratedSqlite } from './demo-template.js';
import { skipReason } from './skips.js';

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

/** Its reason, a declared skip (scripts/declared-skips.mjs): allowed outside CI only. */
export const postgresSkipReason = skipReason('no-postgres', 'LEDE_TEST_DATABASE_URL is not set');

/** Tests may read LEDE_TEST_* keys; src/ never does (see test/architecture.test.ts). */
export function postgresTestUrl(): string | undefined {
  const url = process.env.LEDE_TEST_DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** How the databases of a `describeEngines` suite start. */
export interface EngineOptions {
  /**
   * Each test starts on a migrated database with no rows instead of an empty one: on SQLite
   * a copy of a file migrated once per suite, on PostgreSQL one schema shared by the suite's
   * tests, migrated once and emptied before each test (rows deleted, sequences restarted).
   * The suite's `before`/`after` hooks get a database of their own, migrated or not: open
   * it with `store.migrate()` as usual. Much cheaper than migrating per test; for suites
   * whose tests do not change the schema. Tests may still
   * call `store.migrate()`, which finds nothing to do.
   */
  migrated?: boolean;
}

/**
 * Runs `fn` as one suite per engine: SQLite always, PostgreSQL when LEDE_TEST_DATABASE_URL
 * is set. Without it, the PostgreSQL suite is one skipped test named
 * "skipped: no LEDE_TEST_DATABASE_URL"; with CI=true it is a failing test instead.
 *
 * Each test gets a fresh database (a SQLite file in a temp folder, or a PostgreSQL schema
 * `t_<random>`), dropped when the suite ends, after every test has closed its stores.
 * With `describeEngines(name, { migrated: true }, fn)`, see `EngineOptions`. Tests of one suite must run one at a time
 * (the default), as `engine` follows the running test.
 */
export function describeEngines(name: string, fn: (engine: TestEngine) => void): void;
export function describeEngines(name: string, options: EngineOptions, fn: (engine: TestEngine) => void): void;
export function describeEngines(
  name: string,
  optionsOrFn: EngineOptions | ((engine: TestEngine) => void),
  maybeFn?: (engine: TestEngine) => void,
): void {
  const [options, fn] = typeof optionsOrFn === 'function' ? [{}, optionsOrFn] : [optionsOrFn, maybeFn!];
  describe(`${name} [sqlite]`, () => {
    let dir = '';
    let count = 0;
    const engine = { name: 'sqlite' as const, url: '' };
    const fresh = async () => {
      count += 1;
      const file = join(dir, `db-${count}.sqlite`);
      if (options.migrated) await copyFile(join(dir, 'migrated.sqlite'), file);
      engine.url = `sqlite:${file}`;
    };
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lede-test-'));
      if (options.migrated) await copyMigratedSqlite(join(dir, 'migrated.sqlite'));
      await fresh();
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
        it(postgresSkipName, { skip: `${postgresSkipReason} (${name})` }, () => {});
      }
      return;
    }

    const admin = new pg.Client({ connectionString: baseUrl });
    const schemas: string[] = [];
    const engine: { name: 'postgres'; url: string; searchPath?: string } = { name: 'postgres', url: baseUrl };
    const use = (schema: string) => {
      engine.url = withSearchPath(baseUrl, schema);
      engine.searchPath = schema;
    };
    const createSchema = async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      return schema;
    };
    // With `migrated`, the tests share one schema (migrated once, emptied before each test),
    // and the suite's hooks have another one of their own.
    let shared: { schema: string; empty: string } | undefined;
    const fresh = async () => {
      if (!options.migrated) return use(await createSchema());
      if (shared === undefined) {
        const schema = await createSchema();
        await migrate(withSearchPath(baseUrl, schema), schema);
        shared = { schema, empty: await emptyingStatement(admin, schema) };
      } else {
        await admin.query(shared.empty);
      }
      use(shared.schema);
    };
    before(async () => {
      await admin.connect();
      use(await createSchema());
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

async function migrate(url: string, searchPath?: string): Promise<void> {
  const store = await openStore({ url, searchPath });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
}

/** Tables whose rows a migration writes and every test may share as they are (a lock row). */
const seededTables = new Set(['signal_locks']);

/**
 * One statement that brings a migrated schema back to how the migrations left it: deletes
 * the rows of every table but `lede_migrations`, referencing tables before the ones they
 * reference, and restarts every sequence. Refuses a schema whose migrations wrote rows.
 */
async function emptyingStatement(admin: pg.Client, schema: string): Promise<string> {
  const tables = (await admin.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1', [schema])).rows
    .map((row) => row.name)
    .filter((table) => table !== 'lede_migrations' && !seededTables.has(table));
  const references = (
    await admin.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE k.contype = 'f' AND n.nspname = $1 AND c.relname <> p.relname`,
      [schema],
    )
  ).rows;
  for (const table of tables) {
    const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}."${table}"`);
    if (rows[0]!.n > 0)
      throw new Error(`describeEngines { migrated }: the migrations wrote rows into ${table}; teach the helper to keep them`);
  }
  // Referencing tables first: a table goes once no remaining table references it.
  const ordered: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    const next = [...left].filter((table) => !references.some((r) => r.parent === table && left.has(r.child)));
    if (next.length === 0) throw new Error(`describeEngines { migrated }: a cycle of foreign keys among ${[...left].join(', ')}`);
    for (const table of next.sort()) {
      ordered.push(table);
      left.delete(table);
    }
  }
  const sequences = (
    await admin.query<{ name: string; start: string }>(
      'SELECT sequencename AS name, start_value::text AS start FROM pg_sequences WHERE schemaname = $1',
      [schema],
    )
  ).rows;
  return [
    ...ordered.map((table) => `DELETE FROM ${schema}."${table}";`),
    ...sequences.map((sequence) => `SELECT setval('${schema}."${sequence.name}"', ${sequence.start}, false);`),
  ].join('\n');
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
