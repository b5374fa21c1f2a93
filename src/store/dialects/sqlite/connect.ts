import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { LedeError } from '../../../core/errors.js';
import type { StoreDialect } from '../../dialect.js';
import { insertRowsAsValues } from '../../insert-rows.js';
import type { Database } from '../../schema.js';
import { createStemmer } from '../../stemming.js';
import { createSqliteDeskSearchSchema, registerHeadlineFunction, sqliteHeadlineMatch } from './desk-search.js';
import { translateSqliteError } from './errors.js';
import { createSqliteListener } from './notify.js';
import { createSqliteSearch, createSqliteSearchSchema, rebuildSqliteSearch } from './search.js';

/** How long a write outside a transaction waits, blocking, for another process's write lock. */
const statementBusyMs = 1000;
/** How long BEGIN waits, blocking, before the store retries the transaction without blocking. */
const beginBusyMs = 20;

/**
 * Kysely prepares every query again; better-sqlite3 statements can be reused, and preparing
 * was a tenth of the CPU of storing a story. Statements are kept by SQL text (LRU).
 *
 * Every transaction we open writes, so BEGIN takes the write lock at once (IMMEDIATE): a
 * deferred transaction that read first could not wait for the lock later (SQLITE_BUSY_SNAPSHOT
 * at once), and its reads would not be the latest state a decision must be made on. BEGIN
 * waits only briefly, blocking the event loop: `store.transaction` retries it without blocking.
 */
function withStatementCache(database: SqliteDatabase.Database, size = 500) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const beginImmediate = database.prepare('BEGIN IMMEDIATE');
  const begin = {
    reader: false,
    run() {
      database.pragma(`busy_timeout = ${beginBusyMs}`);
      try {
        return beginImmediate.run();
      } finally {
        database.pragma(`busy_timeout = ${statementBusyMs}`);
      }
    },
  };
  return {
    close: () => database.close(),
    prepare(sql: string) {
      if (sql === 'begin') return begin as unknown as SqliteDatabase.Statement;
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** Opens the SQLite file in WAL mode, so readers never block the writer and other processes can read. */
export function connectSqlite(path: string): StoreDialect {
  let database: SqliteDatabase.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    database = new SqliteDatabase(path);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // Another process (the CLI next to the server) may hold the write lock for a moment.
    database.pragma(`busy_timeout = ${statementBusyMs}`);
    database.pragma('foreign_keys = ON');
    registerHeadlineFunction(database);
  } catch (error) {
    // A path that cannot be opened (missing rights, not a database) stays so: a config error.
    throw new LedeError('LEDE_CONFIG_INVALID', `cannot open SQLite database ${path}: ${(error as Error).message}`, {
      details: { file: path, field: 'DATABASE_URL' },
      cause: error,
    });
  }
  const listener = createSqliteListener(database);
  const cached = withStatementCache(database);
  const quiet = withStatementCache(database, 50);
  // One for the store, not one per transaction: its memo of stems is what makes stemming cheap.
  const stemmer = createStemmer();
  return {
    name: 'sqlite',
    // A write takes SQLite's write lock at once; another process waits (busy_timeout).
    lockMigrations: async (db, { tableExists }) => {
      if (tableExists) await sql`UPDATE lede_migrations SET name = name WHERE 0`.execute(db);
    },
    autoIdType: 'integer',
    autoId: (c) => c.primaryKey().autoIncrement(),
    pollIntervalMs: 200,
    createKysely: (onQuery) =>
      new Kysely<Database>({
        dialect: new SqliteDialect({ database: cached }),
        log: (event) => {
          if (event.level === 'query') onQuery();
        },
      }),
    createQuietKysely: () => new Kysely<Database>({ dialect: new SqliteDialect({ database: quiet }) }),
    // BEGIN IMMEDIATE has made this transaction the only writer until it commits.
    lockStoryWrites: async () => {},
    // The new rowid comes without RETURNING, which would cost a result set per row.
    insertId: async (query) => Number((await query.executeTakeFirstOrThrow()).insertId),
    // The only writer (BEGIN IMMEDIATE) inserting into an AUTOINCREMENT table: the rows get consecutive ids, ending at the last.
    insertIds: async (query, count) => {
      const last = Number((await query.executeTakeFirstOrThrow()).insertId);
      return Array.from({ length: count }, (_, i) => last - count + 1 + i);
    },
    createSearchSchema: createSqliteSearchSchema,
    rebuildSearch: rebuildSqliteSearch,
    createSearch: (db, hydrate) => createSqliteSearch(db, hydrate, stemmer),
    createDeskSearchSchema: createSqliteDeskSearchSchema,
    headlineMatch: sqliteHeadlineMatch,
    insertRows: insertRowsAsValues,
    notify: async () => {},
    listen: listener,
    translateError: translateSqliteError,
    close: async () => {
      if (database.open) database.close();
    },
  };
}
