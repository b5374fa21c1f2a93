import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/** An author profile's social links (`[{"label","href"}]` as JSON), edited in the newsroom and shown on `/author/{slug}`. */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('authors').addColumn('links', 'text').execute();
}
