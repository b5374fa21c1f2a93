import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { LedeError } from '../../../core/errors.js';
import type { StoreDialect } from '../../dialect.js';
import type { Database } from '../../schema.js';
import { translateSqliteError } from './errors.js';
import { createSqliteListener } from './notify.js';
import { createSqliteSearch, createSqliteSearchSchema } from './search.js';

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
    throw new LedeError('LEDE_STORE_UNAVAILABLE', `cannot open SQLite database ${path}: ${(error as Error).message}`, {
      details: { file: path },
      cause: error,
    });
  }
  const listener = createSqliteListener(database);
  return {
    name: 'sqlite',
    capabilities: { sharedByProcesses: true, hasFullTextRanking: true },
    autoIdType: 'integer',
    autoId: (c) => c.primaryKey().autoIncrement(),
    pollIntervalMs: 200,
    createKysely: (onQuery) =>
      new Kysely<Database>({
        dialect: new SqliteDialect({ database }),
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
