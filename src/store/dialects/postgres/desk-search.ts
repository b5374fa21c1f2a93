import { type Kysely, type SqlBool, sql } from 'kysely';
import type { HeadlineMatch } from '../../dialect.js';
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

/** Stories whose headline has a word starting with each term (the expression of the index above). */
export async function postgresHeadlineMatch(_db: Kysely<Database>, terms: string[]): Promise<HeadlineMatch> {
  const query = terms.map((term) => `${term}:*`).join(' & ');
  return { where: sql<SqlBool>`to_tsvector('simple', headline) @@ to_tsquery('simple', ${query})` };
}
