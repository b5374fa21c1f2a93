import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { toSearchTerms } from '../search.js';
import type { DeskEntry, DeskQuery, DeskRepo } from '../types.js';

const entryColumns = [
  'id',
  'source_id',
  'uri',
  'version',
  'state',
  'pubstatus',
  'headline',
  'slug',
  'section',
  'language',
  'urgency',
  'firstcreated',
  'versioncreated',
  'published_at',
  'embargoed',
  'revision',
  'editor_killed',
  'editor_edited',
  'wire_update_pending',
] as const;

/**
 * The newsroom's lists: stories in every state (drafts, the wire queue), newest change first.
 * A page is found by its sort keys alone (an index walk, no body read or sorted), then its 50
 * rows are read by id: sorting whole rows cost ~100 ms for a few thousand of them. A row is
 * its columns and authors only: the JSON `data` (the body) is neither read nor parsed for a list.
 */
export function createDeskRepo(db: Kysely<Database>, dialect: Pick<StoreDialect, 'headlineMatch'>): DeskRepo {
  const pageKeys = async (query: DeskQuery, terms: string[] | undefined): Promise<Array<{ id: string }>> => {
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
      const [rows, authorRows] = await Promise.all([
        db.selectFrom('stories').select(entryColumns).where('id', 'in', ids).execute(),
        db
          .selectFrom('story_authors')
          .select(['story_id', 'author_slug'])
          .where('story_id', 'in', ids)
          .orderBy('story_id')
          .orderBy('position')
          .execute(),
      ]);
      const authors = new Map<string, string[]>();
      for (const row of authorRows) authors.set(row.story_id, [...(authors.get(row.story_id) ?? []), row.author_slug]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id): DeskEntry[] => {
        const row = byId.get(id);
        if (!row) return [];
        return [
          {
            id: row.id,
            sourceId: row.source_id,
            uri: row.uri,
            version: row.version ?? undefined,
            state: row.state,
            pubstatus: row.pubstatus,
            headline: row.headline,
            slug: row.slug,
            section: row.section ?? undefined,
            language: row.language,
            urgency: row.urgency ?? undefined,
            firstcreated: row.firstcreated,
            versioncreated: row.versioncreated,
            publishedAt: row.published_at ?? undefined,
            embargoed: row.embargoed ?? undefined,
            revision: Number(row.revision),
            authorSlugs: authors.get(id) ?? [],
            editorKilled: row.editor_killed === 1,
            editorEdited: row.editor_edited === 1,
            wireUpdatePending: row.wire_update_pending === 1,
          },
        ];
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
