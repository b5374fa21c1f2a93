import type SqliteDatabase from 'better-sqlite3';

/**
 * SQLite has no LISTEN: `PRAGMA data_version` changes when another connection commits,
 * which costs a few microseconds to read, so the change feed checks it often and only
 * queries the events table when it moved.
 */
export function createSqliteListener(database: SqliteDatabase.Database) {
  return async (onSignal: () => void): Promise<() => Promise<void>> => {
    let last = -1;
    const timer = setInterval(() => {
      if (!database.open) return;
      const version = database.pragma('data_version', { simple: true }) as number;
      if (version !== last) {
        last = version;
        onSignal();
      }
    }, 100);
    timer.unref();
    return async () => clearInterval(timer);
  };
}
