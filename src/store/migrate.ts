import { type Kysely, sql } from 'kysely';
import { LedeError } from '../core/errors.js';
import type { StoreDialect } from './dialect.js';
import type { StoreMigration } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * Applies the migrations not yet recorded in `lede_migrations`, each in its own transaction
 * with its record, under the engine's migration lock, so that processes starting together
 * (workers, a CLI next to a server) apply each one exactly once. Our own runner rather than
 * Kysely's Migrator: that one introspects every schema of the database, which breaks when
 * another schema is dropped meanwhile (one schema per test suite, shared databases).
 */
export async function runMigrations(db: Kysely<Database>, dialect: StoreDialect, migrations: StoreMigration[]): Promise<string[]> {
  // Under the lock too: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a twin.
  await db.transaction().execute(async (trx) => {
    await dialect.lockMigrations(trx, { tableExists: false });
    await sql`CREATE TABLE IF NOT EXISTS lede_migrations (name text PRIMARY KEY, applied_at text NOT NULL)`.execute(trx);
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      await dialect.lockMigrations(trx, { tableExists: true });
      const seen = await sql<{ name: string }>`SELECT name FROM lede_migrations WHERE name = ${migration.name}`.execute(trx);
      if (seen.rows.length > 0) return false;
      try {
        await migration.up(trx, dialect);
      } catch (error) {
        throw new LedeError('LEDE_STORE_MIGRATION', `migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await sql`INSERT INTO lede_migrations (name, applied_at) VALUES (${migration.name}, ${new Date().toISOString()})`.execute(trx);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
