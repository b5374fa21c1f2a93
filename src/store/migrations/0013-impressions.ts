import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * What each recommendation slot showed a consenting browser, in order, and what was clicked:
 * Lede's own click log (`lede export impressions --format mind`). `browser` is the random
 * per-browser id the site script writes only after consent; rows go after the retention period.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('impressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('browser', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('shown_at', 'text', (c) => c.notNull())
    /** JSON array of story ids in the order shown. */
    .addColumn('items', 'text', (c) => c.notNull())
    /** JSON array of the story ids the browser had read (lede_h), newest first. */
    .addColumn('history', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('impressions_shown_at').on('impressions').columns(['shown_at']).execute();
  await db.schema
    .createTable('impression_clicks')
    .addColumn('impression_id', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('clicked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('impression_clicks_pk', ['impression_id', 'story_id'])
    .execute();
}
