import type { ColumnDefinitionBuilder, Insertable, InsertQueryBuilder, InsertResult, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Story } from '../core/story.js';
import type { BatchTable, OnConflict } from './insert-rows.js';
import type { Database } from './schema.js';
import type { SearchIndex } from './types.js';

/**
 * What differs between SQLite and PostgreSQL. Each engine implements it in same-named
 * files under `dialects/<engine>/`; only `open.ts` picks one.
 */
export interface StoreDialect {
  readonly name: string;
  /** Column type and modifiers of an auto-incrementing integer key, for migrations. */
  readonly autoIdType: 'integer' | 'serial';
  autoId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Kysely instance for the repositories; `onQuery` counts each query it runs. */
  createKysely(onQuery: () => void): Kysely<Database>;
  /** A second instance for the change feed, whose polling is not counted. */
  createQuietKysely(): Kysely<Database>;
  /** DDL for the full-text index (called from the migrations). */
  createSearchSchema(db: Kysely<Database>): Promise<void>;
  /** Brings an existing full-text index to the current schema and indexes it again (migration 0015). */
  rebuildSearch(db: Kysely<Database>): Promise<void>;
  createSearch(db: Kysely<Database>, hydrate: (ids: string[]) => Promise<Story[]>): SearchIndex;
  /** DDL for the newsroom's index of headlines in every state (migration 0016). */
  createDeskSearchSchema(db: Kysely<Database>): Promise<void>;
  /**
   * A condition on `stories`: its headline has a word starting with each of `terms` (letters and
   * digits only). Built for the list it goes into (newest change first, a page of 50): each
   * engine picks how the list finds its rows (the index's matches, or a walk of the list's
   * order that stops at the page), the rows being the same either way.
   */
  headlineMatch(db: Kysely<Database>, terms: string[]): Promise<RawBuilder<SqlBool>>;
  /**
   * Inside a write transaction, before it changes a story or appends an event: from here until
   * it commits, no other story change or event append runs, so event ids follow commit order.
   */
  lockStoryWrites(db: Kysely<Database>): Promise<void>;
  /** Runs the insert of one event and returns its new id. */
  insertId(query: InsertQueryBuilder<Database, 'events', InsertResult>): Promise<number>;
  /** Runs a multi-row insert of `count` events (under the story-writes lock) and returns their new ids in row order. */
  insertIds(query: InsertQueryBuilder<Database, 'events', InsertResult>, count: number): Promise<number[]>;
  /**
   * Inserts rows of a batch (each with the same columns) in row order, as few statements as the
   * engine likes; `onConflict` replaces the `update` columns of a row whose `key` exists (with
   * none, keeps the stored row).
   */
  insertRows<T extends BatchTable>(
    db: Kysely<Database>,
    table: T,
    rows: Array<Insertable<Database[T]>>,
    onConflict?: OnConflict,
  ): Promise<void>;
  /** Inside a write transaction: wake other processes' change feeds. */
  notify(db: Kysely<Database>, eventId: number): Promise<void>;
  /** Calls `onSignal` when another process may have written; returns a stop function. */
  listen(onSignal: () => void): Promise<() => Promise<void>>;
  /** Inside a migration's transaction: wait until no other process is migrating. */
  lockMigrations(db: Kysely<Database>, options: { tableExists: boolean }): Promise<void>;
  /** Polling interval of the change feed when no signal arrives. */
  readonly pollIntervalMs: number;
  translateError(error: unknown): unknown;
  close(): Promise<void>;
}
