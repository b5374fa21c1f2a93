import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * Static pages edited in the newsroom (`/page/{slug}`), the 301 redirects editors manage, and
 * indexes for the newsroom's lists without a state (newest change first) and per source (the wire queue).
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createTable('redirects')
    .addColumn('from_path', 'text', (c) => c.primaryKey())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('stories_versioncreated').on('stories').columns(['versioncreated', 'id']).execute();
  await db.schema
    .createIndex('stories_source_state_versioncreated')
    .on('stories')
    .columns(['source_id', 'state', 'versioncreated'])
    .execute();
}
