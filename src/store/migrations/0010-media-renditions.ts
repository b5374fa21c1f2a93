import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * Responsive renditions of pictures (AVIF, WebP, JPEG at a few widths), one row per file made,
 * and what an upload brings besides the file: alt text, source and the original's storage key.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('media_renditions')
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('recipe', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_renditions_pk', ['media_id', 'recipe', 'format', 'width'])
    .execute();
  for (const column of ['alt', 'source', 'original_path'] as const) {
    await db.schema.alterTable('media').addColumn(column, 'text').execute();
  }
}
