import { type Kysely, type SqlBool, sql } from 'kysely';
import type { HeadlineMatch } from '../../dialect.js';
import type { Database } from '../../schema.js';

/**
 * Migration 0016: the newsroom's headline index, over stories in every state (the site's
 * search holds published stories only). An FTS5 index of `stories.headline` by rowid, kept by
 * triggers, so no write path has to remember it.
 */
export async function createSqliteDeskSearchSchema(db: Kysely<Database>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE desk_search USING fts5(
    headline, content = 'stories', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`CREATE TRIGGER stories_desk_search_insert AFTER INSERT ON stories BEGIN
    INSERT INTO desk_search (rowid, headline) VALUES (new.rowid, new.headline);
  END`.execute(db);
  await sql`CREATE TRIGGER stories_desk_search_delete AFTER DELETE ON stories BEGIN
    INSERT INTO desk_search (desk_search, rowid, headline) VALUES ('delete', old.rowid, old.headline);
  END`.execute(db);
  await sql`CREATE TRIGGER stories_desk_search_update AFTER UPDATE OF headline ON stories BEGIN
    INSERT INTO desk_search (desk_search, rowid, headline) VALUES ('delete', old.rowid, old.headline);
    INSERT INTO desk_search (rowid, headline) VALUES (new.rowid, new.headline);
  END`.execute(db);
  await sql`INSERT INTO desk_search (desk_search) VALUES ('rebuild')`.execute(db);
}

/** Above this many matching headlines, walking the list's order and testing each headline finds a page sooner. */
const sortedMatchesLimit = 2000;

/**
 * Stories whose headline has a word starting with each term. A word in few headlines drives
 * the query by its matches. For a common one (a quarter of 100,000 headlines) building the set
 * of its matches alone costs ~6 ms, while a page of 50 is found among the first few hundred
 * stories in the list's order: the list walks that order and tests each headline the way the
 * FTS5 index's tokenizer (unicode61, diacritics removed) reads it.
 */
export async function sqliteHeadlineMatch(db: Kysely<Database>, terms: string[]): Promise<HeadlineMatch> {
  const match = terms.map((term) => `"${term.replace(/"/g, '""')}"*`).join(' AND ');
  const few = await sql<{
    rowid: number;
  }>`SELECT rowid FROM desk_search WHERE desk_search MATCH ${match} LIMIT ${sortedMatchesLimit + 1}`.execute(db);
  if (few.rows.length <= sortedMatchesLimit) {
    return { where: sql<SqlBool>`stories.rowid IN (SELECT rowid FROM desk_search WHERE desk_search MATCH ${match})` };
  }
  const starts = terms.map(foldForMatch);
  return {
    test: (headline) => {
      const words = foldForMatch(headline).match(tokenCharacters) ?? [];
      return starts.every((start) => words.some((word) => word.startsWith(start)));
    },
  };
}

// FTS5's unicode61 tokenizer: letters, numbers and private-use characters make tokens, folded
// to lower case with diacritics removed (`remove_diacritics 2`).
const tokenCharacters = /[\p{L}\p{N}\p{Co}]+/gu;
const foldForMatch = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
