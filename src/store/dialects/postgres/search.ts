import { type Kysely, sql } from 'kysely';
import { primaryLanguage, type Story } from '../../../core/story.js';
import type { Database } from '../../schema.js';
import { searchTextOf, snippetToHtml, toSearchTerms } from '../../search.js';
import type { SearchIndex } from '../../types.js';

/** Stemming configurations PostgreSQL ships; other languages are indexed with `simple`. */
const configs: Record<string, string> = {
  en: 'english',
  fr: 'french',
  de: 'german',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
  nb: 'norwegian',
  nn: 'norwegian',
  no: 'norwegian',
  sv: 'swedish',
  da: 'danish',
  fi: 'finnish',
  ru: 'russian',
  ar: 'arabic',
  tr: 'turkish',
  hu: 'hungarian',
  ro: 'romanian',
  id: 'indonesian',
  el: 'greek',
  ga: 'irish',
  lt: 'lithuanian',
  sr: 'serbian',
};

/** How long the set of configurations in the index (the languages the site carries) is kept. */
const configsTtlMs = 60_000;

export function searchConfigFor(language: string): string {
  return configs[primaryLanguage(language)] ?? 'simple';
}

/**
 * PostgreSQL's parser reads `<word…>` in plain text as a tag, and skips whatever follows a
 * literal `<script>`: a space after `<` keeps such text searchable.
 */
const untag = (text: string) => text.replace(/<(?=[\p{L}/!?])/gu, '< ');

export async function createPostgresSearchSchema(db: Kysely<Database>): Promise<void> {
  await sql`CREATE TABLE story_search (
    story_id text PRIMARY KEY,
    config regconfig NOT NULL,
    headline text NOT NULL,
    standfirst text NOT NULL,
    body text NOT NULL,
    document tsvector NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX story_search_document ON story_search USING gin (document)`.execute(db);
}

/** The indexed fields of stories, as parallel arrays (one statement for a whole batch, via unnest). */
function fieldsOf(stories: Story[]) {
  return {
    ids: stories.map((s) => s.id),
    cfgs: stories.map((s) => searchConfigFor(s.language)),
    headlines: stories.map((s) => untag(s.headline)),
    standfirsts: stories.map((s) => untag(s.standfirst ?? '')),
    bodies: stories.map((s) => untag(searchTextOf(s.bodyHtml))),
  };
}
type Fields = ReturnType<typeof fieldsOf>;

const unnestFields = (f: Fields) =>
  sql`unnest(${f.ids}::text[], ${f.cfgs}::text[], ${f.headlines}::text[], ${f.standfirsts}::text[], ${f.bodies}::text[])`;

/** Each field stemmed in the story's language and unstemmed (`simple`), weighted A (headline), B (standfirst), D (body). */
const documentOf = sql`setweight(to_tsvector(t.cfg::regconfig, t.headline), 'A') || setweight(to_tsvector('simple', t.headline), 'A') ||
  setweight(to_tsvector(t.cfg::regconfig, t.standfirst), 'B') || setweight(to_tsvector('simple', t.standfirst), 'B') ||
  setweight(to_tsvector(t.cfg::regconfig, t.body), 'D') || setweight(to_tsvector('simple', t.body), 'D')`;

/**
 * The search rows of a batch, in one statement, each document made in it. (Making them first on
 * a connection of their own, beside the transaction, and sending their text back cost about a
 * fifth more CPU per story, in node and in PostgreSQL, and a busy machine has no idle core for it.)
 */
async function writeRows(db: Kysely<Database>, f: Fields): Promise<void> {
  await sql`INSERT INTO story_search (story_id, config, headline, standfirst, body, document)
    SELECT t.id, t.cfg::regconfig, t.headline, t.standfirst, t.body, ${documentOf}
    FROM ${unnestFields(f)} AS t(id, cfg, headline, standfirst, body)
    ON CONFLICT (story_id) DO UPDATE SET config = excluded.config, headline = excluded.headline,
      standfirst = excluded.standfirst, body = excluded.body, document = excluded.document`.execute(db);
}

/**
 * tsvector ranked with ts_rank_cd (each occurrence counts, weighted headline 0.8, standfirst
 * 0.4, body 0.2, normalised by length). Snippets use `simple` so the exact words light up. Each field is indexed twice, stemmed in the story's language
 * and unstemmed (`simple`), so a query matches whatever language the reader types in.
 */
export function createPostgresSearch(db: Kysely<Database>, hydrate: (ids: string[]) => Promise<Story[]>): SearchIndex {
  // A query has no language of its own: it is stemmed in every configuration the index holds.
  let configsInUse: { list: Set<string>; at: number } | undefined;
  const carriedConfigs = async () => {
    if (!configsInUse || Date.now() - configsInUse.at > configsTtlMs) {
      const rows = await sql<{ config: string }>`SELECT DISTINCT config::text AS config FROM story_search`.execute(db);
      configsInUse = { list: new Set(rows.rows.map((r) => r.config.replace(/^pg_catalog\./, ''))), at: Date.now() };
    }
    return [...configsInUse.list].filter((config) => Object.values(configs).includes(config));
  };
  return {
    async indexMany(entries) {
      if (entries.length === 0) return;
      const fields = fieldsOf(entries.map((e) => e.story));
      for (const config of fields.cfgs) configsInUse?.list.add(config);
      await writeRows(db, fields);
    },
    async removeMany(storyIds) {
      if (storyIds.length === 0) return;
      await sql`DELETE FROM story_search WHERE story_id = ANY(${storyIds}::text[])`.execute(db);
    },
    async query({ q, limit, offset = 0 }) {
      const terms = toSearchTerms(q);
      if (terms.length === 0) return { hits: [], total: 0 };
      const text = terms.join(' ');
      const stemmed = (await carriedConfigs()).map((config) => sql`plainto_tsquery(${config}::regconfig, ${text})`);
      const query = sql`(${sql.join([sql`plainto_tsquery('simple', ${text})`, ...stemmed], sql` || `)})`;
      const rows = await sql<{ story_id: string; rank: number; snip: string }>`
        SELECT story_id, ts_rank_cd('{0.2, 0.2, 0.4, 0.8}', document, ${query}, 1) AS rank,
          ts_headline(config, CASE WHEN body <> '' THEN body ELSE headline END, ${query},
            'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snip
        FROM story_search WHERE document @@ ${query}
        ORDER BY rank DESC, story_id LIMIT ${limit} OFFSET ${offset}`.execute(db);
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM story_search WHERE document @@ ${query}`.execute(db);
      const stories = new Map((await hydrate(rows.rows.map((r) => r.story_id))).map((s) => [s.id, s]));
      const hits = rows.rows.flatMap((row) => {
        const story = stories.get(row.story_id);
        return story ? [{ story, snippetHtml: snippetToHtml(row.snip), rank: Number(row.rank) }] : [];
      });
      return { hits, total: Number(count.rows[0]?.n ?? 0) };
    },
  };
}
