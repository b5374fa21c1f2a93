import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreDialect } from '../../dialect.js';
import { insertRowsAsJson } from '../../insert-rows.js';
import type { Database } from '../../schema.js';
import { createPostgresDeskSearchSchema, postgresHeadlineMatch } from './desk-search.js';
import { translatePostgresError } from './errors.js';
import { createPostgresListener, notifyPostgres } from './notify.js';
import { createPostgresSearch, createPostgresSearchSchema } from './search.js';

/**
 * COUNT(*) and bigint come back as strings by default; our counts fit in a double. Set on our
 * pool alone: `pg.types.setTypeParser` would change every pg client in the process.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number.parseInt(value, 10)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** The schema a URL's `options=-c search_path=…` selects, if any. */
function searchPathOf(url: string): string | undefined {
  try {
    const options = new URL(url).searchParams.get('options') ?? '';
    return /(?:^|\s)-c\s*search_path=([^\s,]+)/.exec(options)?.[1];
  } catch {
    return undefined;
  }
}

export function connectPostgres(url: string, options: { searchPath?: string; poolSize?: number } = {}): StoreDialect {
  const schema = options.searchPath ?? searchPathOf(url) ?? 'public';
  const clientConfig: pg.PoolConfig = {
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  };
  const pool = new pg.Pool(clientConfig);
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  return {
    name: 'postgres',
    autoIdType: 'serial',
    autoId: (c) => c.primaryKey(),
    pollIntervalMs: 1000,
    // A transaction-scoped advisory lock per schema: released at commit or rollback.
    lockMigrations: async (db) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`lede_migrations:${schema}`}))`.execute(db);
    },
    createKysely: (onQuery) =>
      new Kysely<Database>({
        dialect: new PostgresDialect({ pool }),
        log: (event) => {
          if (event.level === 'query') onQuery();
        },
      }),
    createQuietKysely: () => new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    /**
     * PostgreSQL hands out serial ids at insert, not at commit: a reader following `id > last`
     * would skip for good an event committed after a later id. Story changes and event appends
     * therefore take one transaction-level advisory lock (per schema) before they write, so
     * they commit one at a time: ids come in commit order, and a decision made after the lock
     * reads the latest committed story (READ COMMITTED), so a late older version cannot undo a
     * kill. Chosen over reading below the oldest transaction's horizon, which any long
     * transaction in the cluster would stall, and which orders by start, not by commit.
     */
    lockStoryWrites: async (db) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('lede_story_writes'), hashtext(${schema}))`.execute(db);
    },
    insertId: async (query) => Number((await query.returning('id').executeTakeFirstOrThrow()).id),
    // A serial is drawn row by row in VALUES order: the ids ascend with the rows.
    insertIds: async (query) => (await query.returning('id').execute()).map((r) => Number(r.id)).sort((a, b) => a - b),
    createSearchSchema: createPostgresSearchSchema,
    // Stories are already stemmed in their own language (text search configurations).
    rebuildSearch: async () => {},
    createSearch: (db, hydrate) => createPostgresSearch(db, hydrate),
    createDeskSearchSchema: createPostgresDeskSearchSchema,
    headlineMatch: postgresHeadlineMatch,
    insertRows: insertRowsAsJson,
    notify: notifyPostgres,
    listen: createPostgresListener(clientConfig),
    translateError: translatePostgresError,
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}
