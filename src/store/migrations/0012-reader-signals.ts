import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * Reader signals for "Most read" and the recommendations. `view_seen` is the day's
 * de-duplication key (a daily-salted hash of the browser, never an address) and is kept only
 * for two days; `view_counts` counts first views per story and hour; `co_visits` counts
 * "read X, then Y, the same day" per day, only for readers who consented to profiling.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('view_seen')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('is_profiled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('view_seen_pk', ['day', 'visitor', 'story_id'])
    .execute();
  await db.schema
    .createTable('view_counts')
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('view_counts_pk', ['story_id', 'hour'])
    .execute();
  await db.schema.createIndex('view_counts_hour').on('view_counts').columns(['hour']).execute();
  await db.schema
    .createTable('co_visits')
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('co_visits_pk', ['from_id', 'to_id', 'day'])
    .execute();
  await db.schema.createIndex('co_visits_day').on('co_visits').columns(['day']).execute();
  // One row that every batch of views updates first: batches from several processes then
  // commit one after another, so a co-visit whose two views arrive in two batches at once is
  // still seen by the later batch (a row lock on PostgreSQL; SQLite writes one at a time anyway).
  await db.schema
    .createTable('signal_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('batches', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('signal_locks').values({ name: 'views', batches: 0 }).execute();
}
