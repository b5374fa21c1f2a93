import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * Per-source rules, rights and push credentials; per-source delivery status (feed poll
 * state and health); per-story near-duplicate fingerprint, hero picture and editor flags;
 * killed pictures. SQLite adds one column per statement, so each is its own ALTER.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .alterTable('sources')
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await schema
    .alterTable('sources')
    .addColumn('rights', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // Only a hash of the bearer token is kept; the HMAC secret must stay readable to verify.
  await schema.alterTable('sources').addColumn('push_token_hash', 'text').execute();
  await schema.alterTable('sources').addColumn('push_hmac_secret', 'text').execute();
  await schema
    .createTable('source_status')
    .addColumn('source_slug', 'text', (c) => c.primaryKey())
    .addColumn('last_item_at', 'text')
    .addColumn('errors_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('feed_etag', 'text')
    .addColumn('feed_last_modified', 'text')
    .addColumn('feed_next_poll_at', 'text')
    .addColumn('feed_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('silent_since', 'text')
    .execute();
  await schema.alterTable('stories').addColumn('fingerprint', 'text').execute();
  await schema.alterTable('stories').addColumn('hero_media_id', 'text').execute();
  await schema
    .alterTable('stories')
    .addColumn('editor_edited', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema
    .alterTable('stories')
    .addColumn('wire_update_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema.createIndex('stories_fingerprint').on('stories').columns(['fingerprint']).execute();
  await schema.createIndex('stories_hero_media').on('stories').columns(['hero_media_id']).execute();
  await schema.createIndex('story_versions_received').on('story_versions').columns(['received_at']).execute();
  await schema.alterTable('media').addColumn('killed_at', 'text').execute();
}
