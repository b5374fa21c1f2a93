import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * The story as it was when its event was written, kept on each webhook outbox row: a retry
 * after a crash or a failure sends the version the event was about, never a later one.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('story_snapshot', 'text').execute();
}
