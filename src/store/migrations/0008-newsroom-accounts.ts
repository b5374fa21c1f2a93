import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * The newsroom's accounts: users with a role, their sessions and API tokens (only hashes of
 * the secrets are kept), failed and good logins (the rate limit counts them in the database,
 * so it holds across processes), and the audit log written in the same transaction as each
 * change. `story_versions.editor_id` tells an editor's save from an agency version.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();
  await schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await schema
    .createTable('login_attempts')
    .addColumn('id', dialect.autoIdType, (c) => dialect.autoId(c))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await schema.createIndex('login_attempts_email').on('login_attempts').columns(['email', 'at']).execute();
  await schema.createIndex('login_attempts_address').on('login_attempts').columns(['address', 'at']).execute();
  await schema
    .createTable('audit_log')
    .addColumn('id', dialect.autoIdType, (c) => dialect.autoId(c))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text')
    .addColumn('revision', 'integer')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('audit_log_story').on('audit_log').columns(['story_id', 'id']).execute();
  await schema.alterTable('story_versions').addColumn('editor_id', 'text').execute();
  // The newsroom's lists: any state, newest change first.
  await schema.createIndex('stories_state_versioncreated').on('stories').columns(['state', 'versioncreated', 'id']).execute();
}
