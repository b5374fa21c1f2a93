import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';
import type { DeskRepo } from '../types.js';
import { storedColumns, toStored } from './stories.js';

/** `%`, `_` and the escape itself are literal in a LIKE pattern only when escaped. */
export const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The newsroom's lists: stories in every state (drafts, the wire queue), newest change first. */
export function createDeskRepo(db: Kysely<Database>): DeskRepo {
  return {
    async list(query) {
      let q = db.selectFrom('stories').select(['id', 'versioncreated', ...storedColumns]);
      if (query.states && query.states.length > 0) q = q.where('state', 'in', query.states);
      if (query.sourceId) q = q.where('source_id', '=', query.sourceId);
      if (query.notSourceId) q = q.where('source_id', '<>', query.notSourceId);
      if (query.section) q = q.where('section', '=', query.section);
      if (query.urgency !== undefined) q = q.where('urgency', '=', query.urgency);
      if (query.q) {
        const pattern = likePattern(query.q);
        q = q.where(sql<boolean>`lower(headline) like ${pattern} escape '\\'`);
      }
      if (query.before) {
        const { versioncreated, id } = query.before;
        q = q.where((eb) =>
          eb.or([eb('versioncreated', '<', versioncreated), eb.and([eb('versioncreated', '=', versioncreated), eb('id', '<', id)])]),
        );
      }
      const rows = await q.orderBy('versioncreated', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
      return rows.map(toStored);
    },
    async versionCounts(ids) {
      const counts = new Map<string, { versions: number; lastReceivedAt?: string; lastPubstatus?: string }>();
      if (ids.length === 0) return counts;
      const rows = await db
        .selectFrom('story_versions')
        .select(['story_id', 'received_at', 'pubstatus'])
        .where('story_id', 'in', ids)
        .where('editor_id', 'is', null)
        .orderBy('id')
        .execute();
      for (const row of rows) {
        const entry = counts.get(row.story_id) ?? { versions: 0 };
        entry.versions++;
        entry.lastReceivedAt = row.received_at;
        entry.lastPubstatus = row.pubstatus;
        counts.set(row.story_id, entry);
      }
      return counts;
    },
  };
}
