import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * Search finds a word's other forms ("miner" finds "miners") in every language the site
 * carries: on SQLite the index gains a column of stems and is filled again; PostgreSQL already
 * stems each story in its language.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  await dialect.rebuildSearch(db);
}
