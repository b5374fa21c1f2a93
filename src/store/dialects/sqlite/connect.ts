import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { LedeError } from '../../../core/errors.js';
import type { StoreDialect } from '../../dialect.js';
import type { Database } from '../../schema.js';
import { translateSqliteError } from './errors.js';
import { createSqliteListener } from './notify.js';
import { createSqliteSearch, createSqliteSearchSchema } from './search.js';

/**
 * Kysely prepares every query again; better-sqlite3 statements can be reused, and preparing
 * was a tenth of the CPU of storing a story. Statements are kept by SQL text (LRU).
 */
function withStatementCache(database: SqliteDatabase.Database, size = 500) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
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
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    // A path that cannot be opened (missing rights, not a database) stays so: a config error.
    throw new LedeError('LEDE_CONFIG_INVALID', `cannot open SQLite database ${path}: ${(error as Error).message}`, {
      details: { file: path, field: 'DATABASE_URL' },
      cause: error,
    });
  }
  const listener = createSqliteListener(database);
  const cached = withStatementCache(database);
  return {
    name: 'sqlite',
    capabilities: { sharedByProcesses: true, hasFullTextRanking: true },
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
    createQuietKysely: () => new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    createSearchSchema: createSqliteSearchSchema,
    createSearch: (db, hydrate) => createSqliteSearch(db, hydrate),
    notify: async () => {},
    listen: listener,
    translateError: translateSqliteError,
    close: async () => {
      if (database.open) database.close();
    },
  };
}
