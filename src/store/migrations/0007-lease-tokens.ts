import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * A fencing token per lease: a counter bumped whenever the lease changes hands, so that a
 * leader that lost its lease (stalled, paused) and still thinks it leads cannot write.
 */
export async function up(db: Kysely<Database>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .alterTable('leases')
    .addColumn('token', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
