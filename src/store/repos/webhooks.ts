import type { Kysely } from 'kysely';
import type { PushedEventKind, WebhookRepo, WebhookSubscriber } from '../outbox-types.js';
import type { Database, WebhookRow } from '../schema.js';

const toSubscriber = (r: Omit<WebhookRow, 'id'> & { id: number }): WebhookSubscriber => ({
  id: Number(r.id),
  url: r.url,
  secret: r.secret,
  events: JSON.parse(r.events) as PushedEventKind[],
  isActive: r.active === 1,
  createdAt: r.created_at,
});

/** Webhook subscribers: each is a channel of its own (`webhook:{id}`), so one slow partner delays no other. */
export function createWebhookRepo(db: Kysely<Database>): WebhookRepo {
  return {
    async add({ url, secret, events, now }) {
      const row = await db
        .insertInto('webhooks')
        .values({ url, secret, events: JSON.stringify(events), active: 1, created_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(row.id), url, secret, events, isActive: true, createdAt: now.toISOString() };
    },
    async list() {
      const rows = await db.selectFrom('webhooks').selectAll().orderBy('id').execute();
      return rows.map(toSubscriber);
    },
    async setActive(id, isActive) {
      const done = await db
        .updateTable('webhooks')
        .set({ active: isActive ? 1 : 0 })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
    async remove(id) {
      const done = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(done.numDeletedRows) === 1;
    },
  };
}
