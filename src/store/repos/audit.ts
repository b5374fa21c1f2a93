import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AuditEntry, AuditRepo } from '../types.js';

/** The newsroom's audit log: who did what, when, on which story (written inside the change's transaction). */
export function createAuditRepo(db: Kysely<Database>): AuditRepo {
  return {
    async append(entry) {
      await db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          user_id: entry.userId ?? null,
          action: entry.action,
          story_id: entry.storyId ?? null,
          revision: entry.revision ?? null,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
    async list(query) {
      let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
      if (query.storyId) q = q.where('story_id', '=', query.storyId);
      if (query.userId) q = q.where('user_id', '=', query.userId);
      if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
      const rows = await q.execute();
      return rows.map(
        (r): AuditEntry => ({
          id: Number(r.id),
          at: r.at,
          action: r.action,
          ...(r.user_id ? { userId: r.user_id } : {}),
          ...(r.story_id ? { storyId: r.story_id } : {}),
          ...(r.revision !== null ? { revision: Number(r.revision) } : {}),
          details: JSON.parse(r.details) as Record<string, unknown>,
        }),
      );
    },
  };
}
