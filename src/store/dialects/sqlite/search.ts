import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Story } from '../../../core/story.js';
import { chunksOf } from '../../chunks.js';
import type { Database } from '../../schema.js';
import { searchTextOf, snippetToHtml, toSearchTerms } from '../../search.js';
import { createStemmer, type Stemmer } from '../../stemming.js';
import type { SearchIndex } from '../../types.js';

export async function createSqliteSearchSchema(db: Kysely<Database>): Promise<void> {
  // unicode61 tokenises every script (Arabic included) and folds Latin diacritics. `stems`
  // holds the story's words stemmed in its language (those that differ from the word).
  await sql`CREATE VIRTUAL TABLE story_search USING fts5(
    story_id UNINDEXED, headline, standfirst, body, stems,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}

/** Migration 0015: the index gains its `stems` column; every published story is indexed again. */
export async function rebuildSqliteSearch(db: Kysely<Database>): Promise<void> {
  await sql`DROP TABLE IF EXISTS story_search`.execute(db);
  await createSqliteSearchSchema(db);
  const stemmer = createStemmer();
  const rows = await sql<{ id: string; language: string; headline: string; data: string }>`
    SELECT id, language, headline, data FROM stories WHERE state = 'published'`.execute(db);
  for (const row of rows.rows) {
    const { standfirst, bodyHtml } = JSON.parse(row.data) as { standfirst?: string; bodyHtml?: string };
    await insertRow(db, stemmer, {
      id: row.id,
      language: row.language,
      headline: row.headline,
      standfirst,
      body: searchTextOf(bodyHtml ?? ''),
    });
  }
}

const marked = (snip: string) => snip.includes('\u0002');
/** The body's snippet where the words light up there, else the standfirst's or the headline's (never the stems column). */
const snippetOf = (row: { body_snip: string; standfirst_snip: string; headline_snip: string }) =>
  [row.body_snip, row.standfirst_snip, row.headline_snip].find(marked) ?? (row.body_snip || row.standfirst_snip || row.headline_snip);

/** One story's row: its words as written, and their stems in its language. */
async function rowValues(
  stemmer: Stemmer,
  story: { id: string; language: string; headline: string; standfirst?: string; body: string },
): Promise<unknown[]> {
  const standfirst = story.standfirst ?? '';
  const stems = await stemmer.stemsOf(`${story.headline} ${standfirst} ${story.body}`, story.language);
  return [story.id, story.id, story.headline, standfirst, story.body, stems];
}

/** Rows per statement (six parameters each). */
const rowsPerStatement = 500;
const insertTexts = new Map<number, string>();

/**
 * The insert of `count` search rows in one statement, its text built once per count. Each row
 * shares the integer rowid of its `stories` row: deleting by the UNINDEXED story_id column
 * would scan the whole index for every saved story.
 */
function insertText(count: number): string {
  let text = insertTexts.get(count);
  if (text === undefined) {
    const row = '((SELECT rowid FROM stories WHERE id = ?), ?, ?, ?, ?, ?)';
    text = `INSERT INTO story_search (rowid, story_id, headline, standfirst, body, stems) VALUES ${Array.from({ length: count }, () => row).join(', ')}`;
    insertTexts.set(count, text);
  }
  return text;
}

async function insertRow(
  db: Kysely<Database>,
  stemmer: Stemmer,
  story: { id: string; language: string; headline: string; standfirst?: string; body: string },
): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(insertText(1), await rowValues(stemmer, story)));
}

/** How long the set of languages the site carries (the languages a query is stemmed in) is kept. */
const languagesTtlMs = 60_000;

/**
 * FTS5 ranked with bm25(): a headline match weighs 4, the standfirst 2, the body and stems 1.
 * `stemmer` is the store's (its memo of stems outlives each transaction's index).
 */
export function createSqliteSearch(db: Kysely<Database>, hydrate: (ids: string[]) => Promise<Story[]>, stemmer: Stemmer): SearchIndex {
  let languages: { list: Set<string>; at: number } | undefined;
  const carriedLanguages = async () => {
    if (!languages || Date.now() - languages.at > languagesTtlMs) {
      const rows = await sql<{ language: string }>`SELECT DISTINCT language FROM stories WHERE state = 'published'`.execute(db);
      languages = { list: new Set(rows.rows.map((r) => r.language)), at: Date.now() };
    }
    return [...languages.list];
  };
  const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;
  const removeRows = async (storyIds: string[]) => {
    for (const ids of chunksOf(storyIds, rowsPerStatement)) {
      await db.executeQuery(
        CompiledQuery.raw(
          `DELETE FROM story_search WHERE rowid IN (SELECT rowid FROM stories WHERE id IN (${ids.map(() => '?').join(', ')}))`,
          ids,
        ),
      );
    }
  };
  return {
    // FTS rows share the integer rowid of their `stories` row (insertText, removeRows), so they
    // are written once the `stories` rows exist.
    async indexMany(entries) {
      await removeRows(entries.filter(({ isNew }) => !isNew).map(({ story }) => story.id));
      const rows: unknown[][] = [];
      for (const { story } of entries) {
        languages?.list.add(story.language);
        rows.push(await rowValues(stemmer, { ...story, body: searchTextOf(story.bodyHtml) }));
      }
      for (const chunk of chunksOf(rows, rowsPerStatement)) {
        await db.executeQuery(CompiledQuery.raw(insertText(chunk.length), chunk.flat()));
      }
    },
    removeMany: removeRows,
    async query({ q, limit, offset = 0 }) {
      const terms = toSearchTerms(q);
      if (terms.length === 0) return { hits: [], total: 0 };
      // Each word matches as typed or by any of its stems, in any column: "miner" finds "miners".
      const carried = await carriedLanguages();
      const variants = await Promise.all(terms.map((term) => stemmer.queryStems(term, carried)));
      const match = variants.map((forms) => `(${forms.map(quote).join(' OR ')})`).join(' AND ');
      const rows = await sql<{ story_id: string; rank: number; body_snip: string; standfirst_snip: string; headline_snip: string }>`
        SELECT story_id, bm25(story_search, 0.0, 4.0, 2.0, 1.0, 1.0) AS rank,
               snippet(story_search, 3, char(2), char(3), '…', 28) AS body_snip,
               snippet(story_search, 2, char(2), char(3), '…', 28) AS standfirst_snip,
               snippet(story_search, 1, char(2), char(3), '…', 28) AS headline_snip
        FROM story_search WHERE story_search MATCH ${match}
        ORDER BY rank LIMIT ${limit} OFFSET ${offset}`.execute(db);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM story_search WHERE story_search MATCH ${match}`.execute(db);
      const stories = new Map((await hydrate(rows.rows.map((r) => r.story_id))).map((s) => [s.id, s]));
      const hits = rows.rows.flatMap((row) => {
        const story = stories.get(row.story_id);
        return story ? [{ story, snippetHtml: snippetToHtml(snippetOf(row)), rank: -row.rank }] : [];
      });
      return { hits, total: Number(count.rows[0]?.n ?? 0) };
    },
  };
}
