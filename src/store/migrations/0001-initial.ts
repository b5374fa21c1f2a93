import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('sources')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('copyrightholder', 'text')
    .addColumn('usage_notice', 'text')
    .addColumn('photo_credit', 'text')
    .addColumn('publish_rule', 'text', (c) => c.notNull().defaultTo('auto'))
    .execute();
  await schema
    .createTable('sections')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('subjects', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uri', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('byline', 'text')
    .addColumn('credit', 'text')
    .addColumn('caption', 'text')
    .execute();
  await schema
    .createTable('authors')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('bio', 'text')
    .addColumn('source_id', 'text')
    .addColumn('avatar_media_id', 'text')
    .execute();
  await schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pubstatus', 'text', (c) => c.notNull())
    .addColumn('editor_killed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('urgency', 'integer')
    .addColumn('firstcreated', 'text', (c) => c.notNull())
    .addColumn('versioncreated', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('embargoed', 'text')
    .addColumn('expires', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('stories_source_uri', ['source_id', 'uri'])
    .execute();
  await schema.createIndex('stories_state_published').on('stories').columns(['state', 'published_at']).execute();
  await schema.createIndex('stories_section_published').on('stories').columns(['section', 'state', 'published_at']).execute();
  await schema.createIndex('stories_source_published').on('stories').columns(['source_id', 'state', 'published_at']).execute();
  await schema.createIndex('stories_embargoed').on('stories').columns(['state', 'embargoed']).execute();
  await schema
    .createTable('story_tags')
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_tags_pk', ['story_id', 'tag'])
    .execute();
  await schema.createIndex('story_tags_tag').on('story_tags').columns(['tag', 'story_id']).execute();
  await schema
    .createTable('story_authors')
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('author_slug', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_authors_pk', ['story_id', 'author_slug'])
    .execute();
  await schema.createIndex('story_authors_author').on('story_authors').columns(['author_slug', 'story_id']).execute();
  await schema
    .createTable('story_slugs')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_slugs_pk', ['slug', 'story_id'])
    .execute();
  await schema
    .createTable('story_versions')
    .addColumn('id', dialect.autoIdType, (c) => dialect.autoId(c))
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('pubstatus', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('ninjs', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('story_versions_story').on('story_versions').columns(['story_id', 'id']).execute();
  await schema
    .createTable('events')
    .addColumn('id', dialect.autoIdType, (c) => dialect.autoId(c))
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('wire'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('events_story').on('events').columns(['story_id', 'id']).execute();
  await schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createTable('views')
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('views_pk', ['story_id', 'day'])
    .execute();
  await schema.createIndex('views_day').on('views').columns(['day']).execute();
  await schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await dialect.createSearchSchema(db);
}
