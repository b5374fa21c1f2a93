import { setTimeout as sleep } from 'node:timers/promises';
import { isLedeError } from '../core/errors.js';
import { keyedOnce } from '../core/keyed-once.js';
import type { Ninjs } from '../core/ninjs.js';
import type { Lease } from '../store/types.js';
import { withParser } from './parse-pool.js';
import type { IngestPipeline, ItemResult } from './pipeline.js';

export type FileOutcome = { file: string; items: Ninjs[] } | { file: string; error: unknown };

export interface BulkOptions {
  source?: string;
  /** Told of what a parser skipped without failing, with the file's name in the message. */
  warn?: (message: string) => void;
}

/** A pause between batches (see flush). */
const batchGapMs = 1;

/** Stored items per transaction: one commit per batch, small enough to hold the write lock briefly. */
export const bulkBatchItems = 100;

/**
 * Runs `parseOne` on each file, at most `readAhead` ahead of the caller, and yields the outcomes in
 * the files' order. A failed file is an outcome, not a throw.
 */
export async function* parseFilesInOrder(
  files: string[],
  parseOne: (file: string) => Promise<Ninjs[]>,
  readAhead = 256,
): AsyncGenerator<FileOutcome> {
  const settle = (file: string): Promise<FileOutcome> =>
    parseOne(file).then(
      (items) => ({ file, items }),
      (error: unknown) => ({ file, error }),
    );
  const inFlight: Array<Promise<FileOutcome>> = [];
  let next = 0;
  while (inFlight.length < Math.max(1, readAhead) && next < files.length) inFlight.push(settle(files[next++]!));
  while (inFlight.length > 0) {
    const outcome = await inFlight.shift()!;
    if (next < files.length) inFlight.push(settle(files[next++]!));
    yield outcome;
  }
}

export interface StoreFilesOptions {
  source?: string;
  /** A scheduled task's lease (watch folders): each batch is written only while it is held. */
  fence?: Lease;
  /**
   * Whether a failure of one file's own store is told to `onFile` as that file's error (default:
   * an ingest error, LEDE_INGEST_*); any other failure ends the run.
   */
  isFileError?: (error: unknown) => boolean;
  onFile: (outcome: { file: string; results: ItemResult[] } | { file: string; error: unknown }) => Promise<void> | void;
}

const isIngestError = (error: unknown) => isLedeError(error) && error.code.startsWith('LEDE_INGEST_');

/**
 * Stores parsed files as they come, consecutive good files together, about `bulkBatchItems`
 * items per transaction (the store writes each batch with one statement per table). Each file
 * lands whole or not at all: when a batch fails, nothing of it was stored (one transaction), and
 * its files are stored one by one, so that the failure is pinned on its file and the others still
 * land. `onFile` hears of every file in order, with its results or its error.
 */
export async function storeParsedFiles(
  pipeline: IngestPipeline,
  outcomes: AsyncIterable<FileOutcome>,
  options: StoreFilesOptions,
): Promise<void> {
  const ingestOptions = { source: options.source, fence: options.fence };
  const isFileError = options.isFileError ?? isIngestError;
  let batch: Array<{ file: string; items: Ninjs[] }> = [];
  let batchItems = 0;

  const storeOne = async (entry: { file: string; items: Ninjs[] }) => {
    let results: ItemResult[];
    try {
      results = await pipeline.ingestItems(entry.items, ingestOptions);
    } catch (error) {
      if (!isFileError(error)) throw error;
      return options.onFile({ file: entry.file, error });
    }
    await options.onFile({ file: entry.file, results });
  };
  const flush = async () => {
    const entries = batch;
    batch = [];
    batchItems = 0;
    if (entries.length === 0) return;
    if (entries.length === 1) return storeOne(entries[0]!);
    let results: ItemResult[];
    try {
      results = await pipeline.ingestItems(
        entries.flatMap((e) => e.items),
        ingestOptions,
      );
    } catch {
      // Nothing of the batch was stored (one transaction): find the file that fails.
      for (const entry of entries) await storeOne(entry);
      return;
    }
    let at = 0;
    for (const entry of entries) {
      await options.onFile({ file: entry.file, results: results.slice(at, at + entry.items.length) });
      at += entry.items.length;
    }
    // Writers take turns: leave the write lock free for a moment, so that a kill from another
    // process waiting for it gets in between two batches rather than after the whole run.
    await sleep(batchGapMs);
  };

  for await (const outcome of outcomes) {
    if ('error' in outcome) {
      // Files are reported in order: what is batched before a bad file is stored first.
      await flush();
      await options.onFile(outcome);
      continue;
    }
    batch.push(outcome);
    batchItems += outcome.items.length;
    if (batchItems >= bulkBatchItems) await flush();
  }
  await flush();
}

/**
 * `lede ingest` of many files: parsing runs in worker threads while the store writes, and
 * consecutive good files are stored together (`storeParsedFiles`).
 */
export async function ingestFiles(
  pipeline: IngestPipeline,
  files: string[],
  options: BulkOptions & {
    onFile: (outcome: { file: string; results: ItemResult[] } | { file: string; error: unknown }) => Promise<void> | void;
  },
): Promise<void> {
  // Each source's time zone is looked up once for the whole run.
  const once = keyedOnce<Promise<string | undefined>>();
  const timezoneOf = (slug: string) => once(slug, () => pipeline.sourceTimezone(slug));
  await withParser(files.length, async (parse) => {
    const parseOne = async (file: string) =>
      pipeline.parseFile({ path: file, filename: file, source: options.source, warn: options.warn }, { parse, timezoneOf });
    await storeParsedFiles(pipeline, parseFilesInOrder(files, parseOne), { source: options.source, onFile: options.onFile });
  });
}
