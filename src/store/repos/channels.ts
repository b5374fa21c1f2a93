import type { Kysely } from 'kysely';
import type { ChannelRepo } from '../outbox-types.js';
import type { Database } from '../schema.js';

/** The push channels the outbox fans out to (Telegram, CDN purge), kept in step with settings at start. */
export function createChannelRepo(db: Kysely<Database>): ChannelRepo {
  return {
    async upsert(channel, now) {
      const changes = {
        kind: channel.kind,
        enabled: channel.enabled ? 1 : 0,
        config: JSON.stringify(channel.config),
        updated_at: now.toISOString(),
      };
      await db
        .insertInto('channels')
        .values({ name: channel.name, ...changes })
        .onConflict((oc) => oc.column('name').doUpdateSet(changes))
        .execute();
    },
    async list() {
      const rows = await db.selectFrom('channels').selectAll().orderBy('name').execute();
      return rows.map((r) => ({
        name: r.name,
        kind: r.kind,
        enabled: r.enabled === 1,
        config: JSON.parse(r.config) as Record<string, unknown>,
        updatedAt: r.updated_at,
      }));
    },
  };
}
