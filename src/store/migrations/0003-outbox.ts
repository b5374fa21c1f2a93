import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * The transactional outbox of push channels (Telegram, webhooks, CDN purge): one row per
 * event and channel, written in the transaction of the story change; the channels it fans
 * out to; webhook subscribers; and what each channel posted for a story (its remote id).
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('channels')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createTable('webhooks')
    .addColumn('id', dialect.autoIdType, (c) => dialect.autoId(c))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createTable('outbox')
    .addColumn('id', dialect.autoIdType, (c) => dialect.autoId(c))
    .addColumn('delivery_key', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await schema.createIndex('outbox_due').on('outbox').columns(['channel', 'status', 'next_attempt_at']).execute();
  await schema.createIndex('outbox_story').on('outbox').columns(['story_id', 'channel']).execute();
  await schema
    .createTable('channel_posts')
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_posts_pk', ['story_id', 'channel'])
    .execute();
}
