import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../schema.js';

/**
 * Migration 0016: the newsroom's headline index, over stories in every state (the site's
 * search holds published stories only): a GIN index of the headline's words, unstemmed.
 */
export async function createPostgresDeskSearchSchema(db: Kysely<Database>): Promise<void> {
  await sql`CREATE INDEX stories_headline_words ON stories USING gin (to_tsvector('simple', headline))`.execute(db);
  // Statistics of the indexed expression: without them a rare word is looked for row by row.
  await sql`ANALYZE stories`.execute(db);
}

/**
 * Stories whose headline has a word starting with each term (the expression of the index
 * above). One word: the planner weighs the index's matches against a walk of the list's order.
 * Several: the index is asked for the rarest word only (the planner's estimate, from the
 * index's statistics), and each of its rows is tested for all the words. Asked for every word,
 * GIN gathers each prefix's matches whole before it intersects them: a quarter of 110,000
 * headlines for "market" in "market kagekan" cost 10–20 ms, where the 400 rows of "kagekan"
 * cost under 3 ms. `ts_match_vq` is `@@` by name, which the index does not serve.
 */
export async function postgresHeadlineMatch(db: Kysely<Database>, terms: string[]): Promise<RawBuilder<SqlBool>> {
  const query = terms.map((term) => `${term}:*`).join(' & ');
  const all = sql<SqlBool>`to_tsvector('simple', headline) @@ to_tsquery('simple', ${query})`;
  if (terms.length === 1) return all;
  const estimates = await Promise.all(terms.map((term) => estimatedMatches(db, `${term}:*`)));
  const rarest = terms[estimates.indexOf(Math.min(...estimates))]!;
  return sql<SqlBool>`to_tsvector('simple', headline) @@ to_tsquery('simple', ${`${rarest}:*`})
    AND ts_match_vq(to_tsvector('simple', headline), to_tsquery('simple', ${query}))`;
}

/** How many headlines the planner expects to match a tsquery (no row is read). */
async function estimatedMatches(db: Kysely<Database>, query: string): Promise<number> {
  const { rows } = await sql<{
    'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }>;
  }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM stories WHERE to_tsvector('simple', headline) @@ to_tsquery('simple', ${query})`.execute(db);
  return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? Number.POSITIVE_INFINITY;
}
