import { type Kysely, sql } from 'kysely';
import type { Story } from '../../../core/story.js';
import type { Database } from '../../schema.js';
import { searchTextOf, snippetToHtml, toSearchTerms } from '../../search.js';
import type { SearchIndex } from '../../types.js';

export async function createSqliteSearchSchema(db: Kysely<Database>): Promise<void> {
  // unicode61 tokenises every script (Arabic included) and folds Latin diacritics.
  await sql`CREATE VIRTUAL TABLE story_search USING fts5(
    story_id UNINDEXED, headline, standfirst, body,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}

/** FTS5 ranked with bm25(): a headline match weighs 4, the standfirst 2, the body 1. */
export function createSqliteSearch(db: Kysely<Database>, hydrate: (ids: string[]) => Promise<Story[]>): SearchIndex {
  return {
    // FTS rows share the integer rowid of their `stories` row: deleting by the UNINDEXED
    // story_id column would scan the whole index for every saved story. (No round trips here:
    // one prepared statement per story is as cheap as a statement for the batch.)
    async indexMany(entries) {
      for (const { story, isNew } of entries) {
        if (!isNew) await sql`DELETE FROM story_search WHERE rowid = (SELECT rowid FROM stories WHERE id = ${story.id})`.execute(db);
        await sql`INSERT INTO story_search (rowid, story_id, headline, standfirst, body)
          VALUES ((SELECT rowid FROM stories WHERE id = ${story.id}), ${story.id}, ${story.headline}, ${story.standfirst ?? ''}, ${searchTextOf(story.bodyHtml)})`.execute(
          db,
        );
      }
    },
    async removeMany(storyIds) {
      for (const id of storyIds) await sql`DELETE FROM story_search WHERE rowid = (SELECT rowid FROM stories WHERE id = ${id})`.execute(db);
    },
    async query({ q, limit, offset = 0 }) {
      const terms = toSearchTerms(q);
      if (terms.length === 0) return { hits: [], total: 0 };
      const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
      const rows = await sql<{ story_id: string; rank: number; snip: string }>`
        SELECT story_id, bm25(story_search, 0.0, 4.0, 2.0, 1.0) AS rank,
               snippet(story_search, -1, char(2), char(3), '…', 28) AS snip
        FROM story_search WHERE story_search MATCH ${match}
        ORDER BY rank LIMIT ${limit} OFFSET ${offset}`.execute(db);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM story_search WHERE story_search MATCH ${match}`.execute(db);
      const stories = new Map((await hydrate(rows.rows.map((r) => r.story_id))).map((s) => [s.id, s]));
      const hits = rows.rows.flatMap((row) => {
        const story = stories.get(row.story_id);
        return story ? [{ story, snippetHtml: snippetToHtml(row.snip), rank: -row.rank }] : [];
      });
      return { hits, total: Number(count.rows[0]?.n ?? 0) };
    },
  };
}
