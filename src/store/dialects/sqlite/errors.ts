import { LedeError } from '../../../core/errors.js';

/** Turns better-sqlite3's error codes into Lede's, so no layer above sees SQLITE_*. */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new LedeError('LEDE_STORE_CONFLICT', (error as Error).message, { cause: error });
  }
  // Another process holds the write lock (SQLITE_BUSY_SNAPSHOT: it committed between our read
  // and our write): the transaction is tried again.
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED') {
    return new LedeError('LEDE_STORE_BUSY', (error as Error).message, { cause: error });
  }
  if (code === 'SQLITE_CANTOPEN') return new LedeError('LEDE_STORE_UNAVAILABLE', (error as Error).message, { cause: error });
  return error;
}
