import { LedeError } from '../../../core/errors.js';

/** Turns better-sqlite3's error codes into Lede's, so no layer above sees SQLITE_*. */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new LedeError('LEDE_STORE_CONFLICT', (error as Error).message, { cause: error });
  }
  // SQLITE_BUSY_SNAPSHOT: another process committed between our read and our write; retryable.
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_CANTOPEN') {
    return new LedeError('LEDE_STORE_UNAVAILABLE', (error as Error).message, { cause: error });
  }
  return error;
}
