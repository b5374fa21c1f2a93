import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { toSearchTerms } from '../search.js';
import type { DeskQuery, DeskRepo } from '../types.js';
import { storedColumns, toStored } from './stories.js';

/**
 * The newsroom's lists: stories in every state (drafts, the wire queue), newest change first.
 * A page is found by its sort keys alone (an index walk, no body read or sorted), then its 50
 * rows are read by id: sorting whole rows cost ~100 ms for a few thousand of them.
 */
export function createDeskRepo(db: Kysely<Database>, dialect: Pick<StoreDialect, 'headlineMatch'>): DeskRepo {
  const pageKeys = async (query: DeskQuery, terms: string[] | undefined) => {
    let q = db.selectFrom('stories').select('id');
    if (query.states && query.states.length > 0) q = q.where('state', 'in', query.states);
    if (query.sourceId) q = q.where('source_id', '=', query.sourceId);
    if (query.notSourceId) q = q.where('source_id', '<>', query.notSourceId);
    if (query.section) q = q.where('section', '=', query.section);
    if (query.urgency !== undefined) q = q.where('urgency', '=', query.urgency);
    if (terms) q = q.where(await dialect.headlineMatch(db, terms));
    if (query.before) {
      const { versioncreated, id } = query.before;
      q = q.where((eb) =>
        eb.or([eb('versioncreated', '<', versioncreated), eb.and([eb('versioncreated', '=', versioncreated), eb('id', '<', id)])]),
      );
    }
    return q.orderBy('versioncreated', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  };

  return {
    async list(query) {
      // Headline words, each matching as a word prefix ("elect" finds "Election"); no words, no match.
      const terms = query.q ? toSearchTerms(query.q) : undefined;
      if (terms?.length === 0) return [];
      const ids = (await pageKeys(query, terms)).map((row) => row.id);
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('stories')
        .select(['id', ...storedColumns])
        .where('id', 'in', ids)
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toStored(row)] : [];
      });
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
