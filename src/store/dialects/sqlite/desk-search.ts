import type SqliteDatabase from 'better-sqlite3';
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

/**
 * Above this many matching headlines, walking the list's order and testing each headline finds
 * a page sooner. Both ways read one table row per row they look at (the set, each match; the
 * walk, each row until 50 match, about 50 × rows / matches): they cost the same near
 * √(50 × 110,000) ≈ 2,300 matches at the bench's size.
 */
export const sortedMatchesLimit = 2000;

/** The SQL function that tests a headline in a walk (registered on each connection, below). */
const startsFunction = 'lede_headline_words_start';

/**
 * Stories whose headline has a word starting with each term. A word in few headlines drives
 * the query by its matches: their rowids, found once, go into the query as a JSON array (the
 * MATCH is not run a second time; for two words it reads every word's list). For a common
 * word (a quarter of 100,000 headlines) the list walks its order and tests each headline the
 * way the FTS5 index's tokenizer (unicode61, diacritics removed) reads it, in SQL, so the walk
 * stops at the page's last row: a page of 50 is found among the first few hundred stories.
 */
export async function sqliteHeadlineMatch(db: Kysely<Database>, terms: string[]): Promise<RawBuilder<SqlBool>> {
  const quoted = terms.map((term) => `"${term.replace(/"/g, '""')}"`);
  const walk = sql<SqlBool>`${sql.raw(startsFunction)}(stories.headline, ${terms.map(foldForMatch).join(' ')})`;
  // A word that is itself in thousands of headlines starts words in as many: FTS5 reads an exact
  // word's list lazily (0.1 ms to count 2,000), but gathers a prefix's whole (0.8 ms for "market").
  if (terms.length === 1 && (await matchCount(db, quoted[0]!)) > sortedMatchesLimit) return walk;
  const match = quoted.map((term) => `${term}*`).join(' AND ');
  // Counted and gathered as one JSON array by SQLite: no row object per match is made in JavaScript.
  const probe = await sql<{ matches: number; rowids: string }>`SELECT count(*) AS matches, json_group_array(rowid) AS rowids
    FROM ${boundedMatches(match)}`.execute(db);
  const few = probe.rows[0];
  if (few && few.matches <= sortedMatchesLimit) {
    return sql<SqlBool>`stories.rowid IN (SELECT value FROM json_each(${few.rowids}))`;
  }
  return walk;
}

/** The rowids of headlines matching an FTS5 query, up to one over the limit: enough to tell which side of it they are. */
const boundedMatches = (match: string) =>
  sql`(SELECT rowid FROM desk_search WHERE desk_search MATCH ${match} LIMIT ${sortedMatchesLimit + 1})`;

/** Headlines matching an FTS5 query, counted up to one over the limit. */
async function matchCount(db: Kysely<Database>, match: string): Promise<number> {
  const { rows } = await sql<{ matches: number }>`SELECT count(*) AS matches FROM ${boundedMatches(match)}`.execute(db);
  return rows[0]?.matches ?? 0;
}

/** `lede_headline_words_start(headline, starts)`: 1 if each of the space-separated `starts` begins a word of `headline`. */
export function registerHeadlineFunction(database: SqliteDatabase.Database): void {
  database.function(startsFunction, { deterministic: true }, (headline, starts) => {
    const words = foldForMatch(String(headline ?? '')).match(tokenCharacters) ?? [];
    return String(starts)
      .split(' ')
      .every((start) => words.some((word) => word.startsWith(start)))
      ? 1
      : 0;
  });
}

// FTS5's unicode61 tokenizer: letters, numbers and private-use characters make tokens, folded
// to lower case with diacritics removed (`remove_diacritics 2`).
const tokenCharacters = /[\p{L}\p{N}\p{Co}]+/gu;
const foldForMatch = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
