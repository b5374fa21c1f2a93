import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { LeaseRepo } from '../types.js';

/** Far in the past: a released lease has run out for everyone. */
const releasedAt = new Date(0).toISOString();

/**
 * Named lease rows make one process the leader of a group of scheduled tasks among all that
 * share the database; the holder renews its lease, and another takes over when it lapses.
 * Each takeover bumps the row's fencing token, which a leader re-checks before it writes.
 */
export function createLeaseRepo(db: Kysely<Database>): LeaseRepo {
  return {
    async tryAcquire({ name, holder, ttlMs, now }) {
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      // One statement, so that two processes racing for a lapsed lease cannot both win: the
      // update applies only for the holder or over a lease that has run out, and RETURNING
      // answers only when it applied. The token stays while the same holder renews.
      const row = await db
        .insertInto('leases')
        .values({ name, holder, expires_at: expiresAt, token: 1 })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet((eb) => ({
              holder,
              expires_at: expiresAt,
              token: eb
                .case()
                .when('leases.holder', '=', holder)
                .then(eb.ref('leases.token'))
                .else(eb('leases.token', '+', 1))
                .end(),
            }))
            .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<', now.toISOString())])),
        )
        .returning('token')
        .executeTakeFirst();
      return row ? { name, holder, token: Number(row.token) } : undefined;
    },
    async isHeld({ name, holder, token, now }) {
      // An update that changes nothing rather than a select: it locks the row (PostgreSQL) or
      // takes the write lock (SQLite) until the caller's transaction ends, so no takeover can
      // commit between this check and the caller's write.
      const result = await db
        .updateTable('leases')
        .set((eb) => ({ token: eb.ref('token') }))
        .where('name', '=', name)
        .where('holder', '=', holder)
        .where('token', '=', token)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(name, holder) {
      // Run out rather than deleted: the next holder bumps the token instead of starting again at 1.
      await db.updateTable('leases').set({ expires_at: releasedAt }).where('name', '=', name).where('holder', '=', holder).execute();
    },
    async listHeld(now) {
      return db.selectFrom('leases').select(['name', 'holder']).where('expires_at', '>', now.toISOString()).orderBy('name').execute();
    },
  };
}
