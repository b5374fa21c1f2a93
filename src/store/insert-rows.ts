import { CompiledQuery, type ExpressionBuilder, type Insertable, type Kysely, sql } from 'kysely';
import { chunksOf } from './chunks.js';
import type { Database } from './schema.js';

/** The tables a batch of story changes writes with `insertRows`. */
export type BatchTable = 'stories' | 'story_versions' | 'story_tags' | 'story_authors' | 'story_slugs';
/** A row whose `key` exists gets the `update` columns of the new row; with none, the new row is dropped. */
export type OnConflict = { key: string | readonly string[]; update: readonly string[] };

const keyColumns = (onConflict: OnConflict): readonly string[] => (typeof onConflict.key === 'string' ? [onConflict.key] : onConflict.key);

/** The column of a table that holds a JSON text. */
const rawJsonColumns: Partial<Record<BatchTable, string>> = { stories: 'data', story_versions: 'ninjs' };

/** Rows per multi-row statement: well under both engines' limits on parameters. */
const rowsPerStatement = 500;

/** SQLite: a statement's text by table, columns, row count and conflict rule, built once (the statement cache keys by this very string). */
const sqliteInsertTexts = new Map<string, string>();

function sqliteInsertText(table: string, columns: string[], rowCount: number, onConflict?: OnConflict): string {
  const key = `${table}\n${columns.join(',')}\n${rowCount}\n${onConflict ? `${keyColumns(onConflict).join(',')}:${onConflict.update.join(',')}` : ''}`;
  let text = sqliteInsertTexts.get(key);
  if (text === undefined) {
    const quote = (name: string) => `"${name}"`;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const updates = onConflict?.update.map((c) => `${quote(c)} = "excluded".${quote(c)}`).join(', ');
    const conflict = onConflict
      ? ` on conflict (${keyColumns(onConflict).map(quote).join(', ')}) do ${updates ? `update set ${updates}` : 'nothing'}`
      : '';
    text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${Array.from({ length: rowCount }, () => tuple).join(', ')}${conflict}`;
    sqliteInsertTexts.set(key, text);
  }
  return text;
}

/**
 * SQLite: multi-row VALUES, its text built once per shape and run with the rows' values as they
 * are (better-sqlite3 binds them in process; the statement is prepared once). Kysely's builder
 * compiled every batch's 2,400 parameters anew: about a tenth of the storing thread's CPU.
 * Rows of one shape only (every row the same columns, no value undefined), which is what
 * story-changes.ts writes; any other batch goes through Kysely, which reads undefined as "not given".
 */
export async function insertRowsAsValues<T extends BatchTable>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
  onConflict?: OnConflict,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (const chunk of chunksOf(rows as Array<Record<string, unknown>>, rowsPerStatement)) {
    const values = valuesOfShape(chunk, columns);
    if (values) await db.executeQuery(CompiledQuery.raw(sqliteInsertText(table, columns, chunk.length, onConflict), values));
    else await insertWithKysely(db, table, chunk, onConflict);
  }
}

/** The rows' values in column order, or undefined when a row has other columns or an undefined value. */
function valuesOfShape(rows: Array<Record<string, unknown>>, columns: string[]): unknown[] | undefined {
  const values = new Array<unknown>(rows.length * columns.length);
  let at = 0;
  for (const row of rows) {
    let count = 0;
    for (const key in row) if (Object.hasOwn(row, key)) count++;
    if (count !== columns.length) return undefined;
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) return undefined;
      values[at++] = value;
    }
  }
  return values;
}

async function insertWithKysely(db: Kysely<Database>, table: string, rows: Array<Record<string, unknown>>, onConflict?: OnConflict) {
  // Kysely cannot relate a generic table to its row type: the rows are that table's by the signature.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const insert = untyped.insertInto(table).values(rows);
  const update = (eb: ExpressionBuilder<Record<string, Record<string, unknown>>, string>) =>
    Object.fromEntries((onConflict?.update ?? []).map((c) => [c, eb.ref(`excluded.${c}`)]));
  const withConflict = (conflict: OnConflict) =>
    insert.onConflict((oc) => {
      const target = oc.columns([...keyColumns(conflict)]);
      return conflict.update.length > 0 ? target.doUpdateSet(update) : target.doNothing();
    });
  await (onConflict ? withConflict(onConflict) : insert).execute();
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A row as JSON. A bound text parameter turns a lone surrogate into U+FFFD, which PostgreSQL's
 * JSON refuses as an escape: the same replacement keeps the two alike. The column `raw`, a JSON
 * text (a story's `data`, a version's `ninjs`), goes in as the JSON it is rather than as a string
 * escaped once more: PostgreSQL's `json` keeps its text verbatim, so the column gets the same text.
 */
function rowJson(row: Record<string, unknown>, raw: string | undefined): string {
  if (raw === undefined) return plainJson(row);
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
  const target = onConflict && sql.join(keyColumns(onConflict).map((c) => sql.ref(c)));
  const conflict = !onConflict
    ? sql``
    : onConflict.update.length === 0
      ? sql`ON CONFLICT (${target}) DO NOTHING`
      : sql`ON CONFLICT (${target}) DO UPDATE SET ${sql.join(onConflict.update.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`;
  await sql`INSERT INTO ${sql.table(table)} (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json) WITH ORDINALITY AS t
    ORDER BY t.ordinality ${conflict}`.execute(db);
}
