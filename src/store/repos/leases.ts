import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { LeaseRepo } from '../types.js';

/**
 * A named lease row makes one process the scheduler among all that share the database;
 * the holder renews it, and another takes over when it lapses.
 */
export function createLeaseRepo(db: Kysely<Database>): LeaseRepo {
  return {
    async tryAcquire({ name, holder, ttlMs, now }) {
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      await db
        .insertInto('leases')
        .values({ name, holder, expires_at: expiresAt })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ holder, expires_at: expiresAt })
            .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<', now.toISOString())])),
        )
        .execute();
      const row = await db.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
      return row?.holder === holder;
    },
    async release(name, holder) {
      await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    },
  };
}
