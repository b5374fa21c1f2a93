import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ErrorCode, isLedeError } from '../../src/core/errors.js';
import { connectSqlite } from '../../src/store/dialects/sqlite/connect.js';
import { runMigrations } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open.js';
import { postgresSkipName, postgresTestUrl } from '../helpers/postgres.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

/** Asserts that `work` fails with `code`, and whether retrying may help. */
async function rejectsWith(work: () => Promise<unknown>, code: ErrorCode, isRetryable: boolean, message?: RegExp) {
  await assert.rejects(work, (error) => {
    assert.ok(isLedeError(error, code), `expected ${code}, got ${String(error)}`);
    assert.equal(error.isRetryable, isRetryable);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('store errors', () => {
  it('calls a database URL of no supported engine a config error, not retryable', async () => {
    await rejectsWith(() => openStore({ url: 'mysql://db/lede' }), 'LEDE_CONFIG_INVALID', false, /database URL "mysql:\/\/db\/lede"/);
  });

  it('calls a SQLite path that cannot be opened a config error, not retryable', async (t) => {
    const dir = await createTmpDir(t);
    await rejectsWith(async () => openStore({ url: `sqlite:${dir}` }), 'LEDE_CONFIG_INVALID', false, /cannot open SQLite database/);
  });

  it('calls a failed migration LEDE_STORE_MIGRATION, not retryable, and names it', async (t) => {
    const dir = await createTmpDir(t);
    const dialect = connectSqlite(`${dir}/lede.db`);
    const db = dialect.createQuietKysely();
    t.after(async () => {
      await db.destroy();
      await dialect.close();
    });
    const broken = {
      name: '9999-broken',
      up: async () => {
        throw new Error('column "x" does not exist');
      },
    };
    await rejectsWith(
      () => runMigrations(db, dialect, [broken], { busyWaitMs: 1000 }),
      'LEDE_STORE_MIGRATION',
      false,
      /migration 9999-broken failed/,
    );
  });

  const url = postgresTestUrl();
  it('calls a refused PostgreSQL connection LEDE_STORE_UNAVAILABLE (retryable), an unknown database a config error', {
    skip: url === undefined ? postgresSkipName : false,
  }, async () => {
    const refused = await openStore({ url: 'postgres://root@127.0.0.1:1/lede' });
    try {
      await rejectsWith(() => refused.migrate(), 'LEDE_STORE_UNAVAILABLE', true);
    } finally {
      await refused.close();
    }
    const missing = new URL(url ?? '');
    missing.pathname = '/lede_no_such_database';
    const unknown = await openStore({ url: missing.toString() });
    try {
      await rejectsWith(() => unknown.migrate(), 'LEDE_CONFIG_INVALID', false, /DATABASE_URL: .*lede_no_such_database/);
    } finally {
      await unknown.close();
    }
  });
});
