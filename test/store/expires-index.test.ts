import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open.js';
import { copyMigratedSqlite } from '../helpers/demo-template.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

describe('the expiry index (migration 0017)', () => {
  it("answers the scheduler's every-second question (published stories past their expiry) from an index of stories that expire, not a walk of every published story", async (t) => {
    const file = join(await createTmpDir(t), 'lede.db');
    await copyMigratedSqlite(file);
    const store = await openStore({ url: `sqlite:${file}` });
    await store.migrate();
    await store.close();
    const db = new Database(file, { readonly: true });
    t.after(() => db.close());
    // The statement of stories.listDueExpiries, as Kysely writes it.
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM "stories" WHERE "state" = ? AND "expires" IS NOT NULL AND "expires" <= ? LIMIT ?`)
      .all('published', new Date().toISOString(), 100) as Array<{ detail: string }>;
    assert.match(plan.map((row) => row.detail).join('\n'), /USING INDEX stories_expires \(state=\? AND expires/);
  });
});
