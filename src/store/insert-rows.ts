import { type ExpressionBuilder, type Insertable, type Kysely, sql } from 'kysely';
import { chunksOf } from './chunks.js';
import type { Database } from './schema.js';

type BatchTable = 'stories' | 'story_versions';
type OnConflict = { key: string; update: readonly string[] };

/** The column of each table that holds a JSON text. */
const rawJsonColumns: Record<BatchTable, string> = { stories: 'data', story_versions: 'ninjs' };

/** Rows per multi-row statement: well under both engines' limits on parameters. */
const rowsPerStatement = 500;

/** SQLite: multi-row VALUES (its statements are prepared once and bound in process: parameters cost little). */
export async function insertRowsAsValues<T extends BatchTable>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
  onConflict?: OnConflict,
): Promise<void> {
  // Kysely cannot relate a generic table to its row type: the rows are that table's by the signature.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const name: string = table;
  for (const chunk of chunksOf(rows as Array<Record<string, unknown>>, rowsPerStatement)) {
    const insert = untyped.insertInto(name).values(chunk);
    const update = (eb: ExpressionBuilder<Record<string, Record<string, unknown>>, string>) =>
      Object.fromEntries((onConflict?.update ?? []).map((c) => [c, eb.ref(`excluded.${c}`)]));
    await (onConflict ? insert.onConflict((oc) => oc.column(onConflict.key).doUpdateSet(update)) : insert).execute();
  }
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A row as JSON. A bound text parameter turns a lone surrogate into U+FFFD, which PostgreSQL's
 * JSON refuses as an escape: the same replacement keeps the two alike. The column `raw`, a JSON
 * text (a story's `data`, a version's `ninjs`), goes in as the JSON it is rather than as a string
 * escaped once more: PostgreSQL's `json` keeps its text verbatim, so the column gets the same text.
 */
function rowJson(row: Record<string, unknown>, raw: string): string {
  const text = row[raw];
  // Only an object is kept verbatim (a JSON string would come out unquoted); `\ud…` may be an escaped lone surrogate.
  if (typeof text !== 'string' || !text.startsWith('{') || text.includes('\\ud')) return plainJson(row);
  const { [raw]: _raw, ...rest } = row;
  const json = plainJson(rest);
  return `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${JSON.stringify(raw)}:${text}}`;
}

function plainJson(row: Record<string, unknown>): string {
  const json = JSON.stringify(row);
  if (!json.includes('\\ud')) return json;
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === 'string' ? value.replace(loneSurrogate, '\ufffd') : value));
}

/**
 * PostgreSQL: the whole batch as one JSON parameter, unpacked by `json_populate_recordset` in
 * the rows' order (serial ids ascend with them). A multi-row VALUES of a hundred stories had
 * 2,400 parameters for Kysely to build and compile, pg to serialise one by one and PostgreSQL to
 * parse and plan: about a third of the storing thread's time of a bulk ingest.
 */
export async function insertRowsAsJson<T extends BatchTable>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
  onConflict?: OnConflict,
): Promise<void> {
  if (rows.length === 0) return;
  const json = `[${(rows as Array<Record<string, unknown>>).map((row) => rowJson(row, rawJsonColumns[table])).join(',')}]`;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  const conflict = onConflict
    ? sql`ON CONFLICT (${sql.ref(onConflict.key)}) DO UPDATE SET ${sql.join(onConflict.update.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`
    : sql``;
  await sql`INSERT INTO ${sql.table(table)} (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json) WITH ORDINALITY AS t
    ORDER BY t.ordinality ${conflict}`.execute(db);
}
