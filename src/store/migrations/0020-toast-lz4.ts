import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/** The columns that hold a story's text or JSON whole, which PostgreSQL compresses when a row is large. */
const wholeStoryColumns = [
  ['stories', 'data'],
  ['story_versions', 'ninjs'],
  ['story_search', 'body'],
  ['story_search', 'document'],
  ['outbox', 'story_snapshot'],
] as const;

/**
 * PostgreSQL compresses these columns with lz4 instead of its default pglz: the same rows, a
 * fraction of the server's CPU for each stored story (about a tenth of the backend's time of a
 * bulk ingest went to pglz). Only values written from now on are compressed so; those stored
 * stay readable as they are. A server built without lz4 keeps pglz. SQLite has nothing to change.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  if (dialect.name !== 'postgres') return;
  const { rows } = await sql<{
    lz4: boolean;
  }>`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`.execute(db);
  if (!rows[0]?.lz4) return;
  for (const [table, column] of wholeStoryColumns) {
    await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} SET COMPRESSION lz4`.execute(db);
  }
}
