import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import { keyedOnce } from '../../core/keyed-once.js';
import type { Source } from '../../core/story.js';
import type { Lease, Store } from '../../store/types.js';
import { parseFilesInOrder, storeParsedFiles } from '../bulk.js';
import { fileTooLarge, moveInto } from '../files.js';
import type { ParseWire } from '../parse-pool.js';
import { defaultMaxFileBytes, type IngestPipeline, type Logger } from '../pipeline.js';
import { quarantineMove } from '../quarantine.js';

/** Names an uploader uses while a file is still being written; never taken. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.tmp') || name.endsWith('.part');
}

interface Seen {
  size: number;
  mtimeMs: number;
}

export interface WatchFolderOptions {
  /** Files taken per folder per poll, so one huge delivery does not hold the scheduler. */
  maxFilesPerPoll?: number;
  /** Largest file taken, in bytes: a larger one is quarantined without being read. */
  maxFileBytes?: number;
  /** The parser (the app's worker pool, so a big file never holds the main thread); this thread when absent. */
  parse?: ParseWire;
}

/** Files parsed ahead of the store: enough to keep the parser busy, few enough to bound the memory of parsed items. */
const parseAhead = 16;

/**
 * Whether a failure is the file's own, so trying it again cannot help: a bad or oversized file
 * (a LedeError of ingest), or one Node refuses to read whole. Anything else (the database
 * away, a bug) is worth another try.
 */
const isFileFault = (error: unknown) =>
  (isLedeError(error) && error.code.startsWith('LEDE_INGEST_')) || (error as NodeJS.ErrnoException)?.code === 'ERR_FS_FILE_TOO_LARGE';

/**
 * The classic agency delivery: files dropped (over FTP/SFTP) into a folder per source.
 *
 * A file is taken only once it is complete: its size and mtime are the same at two polls in
 * a row (a file renamed into place is complete at once and passes at its second poll). It is
 * claimed by a rename into `processing/`, ingested as one committed batch, and only then moved
 * to `done/`: a file in `done/` is acknowledged. A bad file goes to `quarantine/` with its
 * `.reason`. After a crash, files left in `processing/` are ingested again at the first poll
 * (ingest is idempotent). Nothing is deleted.
 */
export function createWatchFolders(deps: { store: Store; pipeline: IngestPipeline; clock: Clock; logger?: Logger } & WatchFolderOptions) {
  const maxFiles = deps.maxFilesPerPoll ?? 100;
  const maxFileBytes = deps.maxFileBytes ?? defaultMaxFileBytes;
  const seen = new Map<string, Map<string, Seen>>();
  const recovered = new Set<string>();

  /** A file that failed: quarantined when the fault is its own, else put back to be tried at a later poll. */
  const settleFailed = async (source: Source, dir: string, file: string, error: unknown): Promise<'quarantine' | 'retry'> => {
    const name = basename(file);
    if (isFileFault(error)) {
      const now = deps.clock.now();
      const message = (error as Error).message;
      const reason = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
      await quarantineMove({ watchDir: dir, file, reason, source: source.slug, now });
      await deps.store.sources.recordError(source.slug, { at: now.toISOString(), message: `${name}: ${reason}` });
      deps.logger?.warn({ source: source.slug, file: name, reason }, 'watch folder: file quarantined');
      return 'quarantine';
    }
    // Not the file's fault (database away, a bug): put it back to be tried at a later poll.
    deps.logger?.warn({ source: source.slug, file: name, err: error }, 'watch folder: file not ingested, will retry');
    await rename(file, join(dir, name)).catch(() => {});
    return 'retry';
  };

  /**
   * Ingests claimed files (in `processing/`): parsed ahead by the parser while the store writes,
   * and stored like `lede ingest` does, many files per transaction, each file whole or not at
   * all (bulk.ts). A file is moved to `done/` only once its batch has committed.
   */
  const ingestClaimed = async (source: Source, dir: string, files: string[], fence?: Lease) => {
    const outcomes = { done: 0, quarantine: 0, retry: 0 };
    // The source's time zone is looked up once per poll (keyedOnce), not once per file.
    const once = keyedOnce<Promise<string | undefined>>();
    const timezoneOf = (slug: string) => once(slug, () => deps.pipeline.sourceTimezone(slug));
    const parseOne = async (file: string) => {
      // The size from `stat` first: a 3 GiB file is never read (readFile threw a RangeError for it).
      const { size } = await stat(file);
      if (size > maxFileBytes) throw fileTooLarge(basename(file), size, maxFileBytes);
      const warn = (message: string) => deps.logger?.warn({ source: source.slug, file: basename(file) }, message);
      return deps.pipeline.parseFile(
        { path: file, filename: basename(file), source: source.slug, warn },
        { parse: deps.parse, timezoneOf },
      );
    };
    await storeParsedFiles(deps.pipeline, parseFilesInOrder(files, parseOne, parseAhead), {
      source: source.slug,
      fence,
      // Every failure is settled file by file: quarantined, or put back for a later poll.
      isFileError: () => true,
      onFile: async (outcome) => {
        if ('error' in outcome) {
          outcomes[await settleFailed(source, dir, outcome.file, outcome.error)]++;
          return;
        }
        await moveInto(outcome.file, join(dir, 'done'));
        deps.logger?.info(
          { source: source.slug, file: basename(outcome.file), items: outcome.results.length },
          'watch folder: file ingested',
        );
        outcomes.done++;
      },
    });
    return outcomes;
  };

  /** Files a crash left in `processing/`: claimed before, never acknowledged. */
  const recover = async (source: Source, dir: string, fence?: Lease) => {
    const processing = join(dir, 'processing');
    const names = (await readdir(processing).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
    await ingestClaimed(
      source,
      dir,
      names.map((name) => join(processing, name)),
      fence,
    );
  };

  /** The files whose size and mtime did not change since the last poll, in name order. */
  const stableFiles = async (dir: string): Promise<string[]> => {
    const previous = seen.get(dir) ?? new Map<string, Seen>();
    const current = new Map<string, Seen>();
    const stable: string[] = [];
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && !isIgnoredName(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      const info = await stat(join(dir, entry.name)).catch(() => undefined);
      if (!info) continue;
      const now = { size: info.size, mtimeMs: info.mtimeMs };
      current.set(entry.name, now);
      const before = previous.get(entry.name);
      if (before && before.size === now.size && before.mtimeMs === now.mtimeMs) stable.push(entry.name);
    }
    seen.set(dir, current);
    return stable;
  };

  const pollFolder = async (source: Source, dir: string, fence?: Lease) => {
    await mkdir(join(dir, 'processing'), { recursive: true });
    if (!recovered.has(dir)) {
      recovered.add(dir);
      await recover(source, dir, fence);
    }
    const claimed: string[] = [];
    for (const name of (await stableFiles(dir)).slice(0, maxFiles)) {
      try {
        await rename(join(dir, name), join(dir, 'processing', name));
      } catch {
        continue; // Gone since the listing (another process, the uploader): not ours.
      }
      seen.get(dir)?.delete(name);
      claimed.push(join(dir, 'processing', name));
    }
    return ingestClaimed(source, dir, claimed, fence);
  };

  return {
    /**
     * One poll of every source's folder; a folder that fails is logged and does not stop the others.
     * With the scheduler's `fence`, each file is stored only while this process still holds it.
     */
    async pollAll(fence?: Lease): Promise<Record<string, { done: number; quarantine: number; retry: number }>> {
      const result: Record<string, { done: number; quarantine: number; retry: number }> = {};
      for (const source of await deps.store.sources.list()) {
        const dir = source.rules?.watchDir;
        if (!dir) continue;
        try {
          result[source.slug] = await pollFolder(source, dir, fence);
        } catch (error) {
          const message = `watch folder ${dir}: ${(error as Error).message}`;
          deps.logger?.warn({ source: source.slug, err: error }, message);
          await deps.store.sources.recordError(source.slug, { at: deps.clock.now().toISOString(), message }).catch(() => {});
        }
      }
      return result;
    },
  };
}

export type WatchFolders = ReturnType<typeof createWatchFolders>;
