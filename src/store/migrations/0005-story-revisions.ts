import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * Lede's own revision number: every story change bumps `stories.revision` (the newsroom's
 * `If-Match`), and a version row records the revision it made. One row per (story, revision)
 * is a constraint, so two writers can never both record "their" change of one revision.
 * Existing rows are numbered in the order they were stored.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .alterTable('stories')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('story_versions').addColumn('revision', 'integer').execute();
  await sql`UPDATE story_versions SET revision = (
    SELECT count(*) FROM story_versions AS earlier
    WHERE earlier.story_id = story_versions.story_id AND earlier.id <= story_versions.id)`.execute(db);
  await sql`UPDATE stories SET revision = (
    SELECT count(*) FROM story_versions WHERE story_versions.story_id = stories.id)
    WHERE EXISTS (SELECT 1 FROM story_versions WHERE story_versions.story_id = stories.id)`.execute(db);
  await db.schema.createIndex('story_versions_revision').unique().on('story_versions').columns(['story_id', 'revision']).execute();
}
