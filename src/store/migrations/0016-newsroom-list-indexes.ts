import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * The newsroom's lists stay fast at 100,000 stories (issue 11, "Speed"): the wire queue's
 * section and urgency filters walk an index in the list's order, and `q=` finds headline
 * words through an index of headlines in every state instead of scanning every row.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createIndex('stories_state_section_versioncreated')
    .on('stories')
    .columns(['state', 'section', 'versioncreated', 'id'])
    .execute();
  await db.schema
    .createIndex('stories_state_urgency_versioncreated')
    .on('stories')
    .columns(['state', 'urgency', 'versioncreated', 'id'])
    .execute();
  await dialect.createDeskSearchSchema(db);
}
