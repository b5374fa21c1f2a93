import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
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

/** Above this many matching headlines, walking the list's order index finds a page sooner than sorting the matches. */
const sortedMatchesLimit = 2000;

/**
 * Stories whose headline has a word starting with each term. A word in few headlines drives
 * the query by its matches; for a common one (a quarter of 100,000 headlines: ~0.5 s to look
 * up and sort them) the unary `+` makes SQLite walk the list's order index instead and keep the
 * rows in the match set, which stops at the first page.
 */
export async function sqliteHeadlineMatch(db: Kysely<Database>, terms: string[]): Promise<RawBuilder<SqlBool>> {
  const match = terms.map((term) => `"${term.replace(/"/g, '""')}"*`).join(' AND ');
  const few = await sql<{
    rowid: number;
  }>`SELECT rowid FROM desk_search WHERE desk_search MATCH ${match} LIMIT ${sortedMatchesLimit + 1}`.execute(db);
  return few.rows.length <= sortedMatchesLimit
    ? sql<SqlBool>`stories.rowid IN (SELECT rowid FROM desk_search WHERE desk_search MATCH ${match})`
    : sql<SqlBool>`+stories.rowid IN (SELECT rowid FROM desk_search WHERE desk_search MATCH ${match})`;
}
