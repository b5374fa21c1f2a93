import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * When each picture came in, so the newsroom's media library lists the newest first, a page at a
 * time by `(added_at, id)`. Pictures stored before this migration get its time (when they came is
 * not known): they list after every later one, by id.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('media').addColumn('added_at', 'text').execute();
  await db.updateTable('media').set({ added_at: new Date().toISOString() }).execute();
  await db.schema.createIndex('media_added_at').on('media').columns(['added_at', 'id']).execute();
}
