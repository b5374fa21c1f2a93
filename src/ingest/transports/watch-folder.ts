import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import type { Source } from '../../core/story.js';
import type { Lease, Store } from '../../store/types.js';
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

  const ingestClaimed = async (source: Source, dir: string, file: string, fence?: Lease): Promise<'done' | 'quarantine' | 'retry'> => {
    const name = basename(file);
    try {
      // The size from `stat` first: a 3 GiB file is never read (readFile threw a RangeError for it).
      const { size } = await stat(file);
      if (size > maxFileBytes) throw fileTooLarge(name, size, maxFileBytes);
      const warn = (message: string) => deps.logger?.warn({ source: source.slug, file: name }, message);
      const items = await deps.pipeline.parseFile({ path: file, filename: name, source: source.slug, warn }, { parse: deps.parse });
      const results = await deps.pipeline.ingestItems(items, { source: source.slug, fence });
      await moveInto(file, join(dir, 'done'));
      deps.logger?.info({ source: source.slug, file: name, items: results.length }, 'watch folder: file ingested');
      return 'done';
    } catch (error) {
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
    }
  };

  /** Files a crash left in `processing/`: claimed before, never acknowledged. */
  const recover = async (source: Source, dir: string, fence?: Lease) => {
    const processing = join(dir, 'processing');
    const names = (await readdir(processing).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) await ingestClaimed(source, dir, join(processing, name), fence);
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
    const outcomes = { done: 0, quarantine: 0, retry: 0 };
    for (const name of (await stableFiles(dir)).slice(0, maxFiles)) {
      const claimed = join(dir, 'processing', name);
      try {
        await rename(join(dir, name), claimed);
      } catch {
        continue; // Gone since the listing (another process, the uploader): not ours.
      }
      seen.get(dir)?.delete(name);
      outcomes[await ingestClaimed(source, dir, claimed, fence)]++;
    }
    return outcomes;
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
