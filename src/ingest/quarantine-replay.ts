import { readFile } from 'node:fs/promises';
import type { Clock } from '../core/clock.js';
import { isLedeError } from '../core/errors.js';
import type { Store } from '../store/types.js';
import type { IngestPipeline } from './pipeline.js';
import {
  dataQuarantineDir,
  listQuarantine,
  type QuarantineEntry,
  releaseFromQuarantine,
  updateReason,
  watchQuarantineDir,
} from './quarantine.js';

/** Both kinds of quarantine: LEDE_DATA_DIR/quarantine/ and every watch folder's quarantine/. */
export async function quarantineDirs(store: Pick<Store, 'sources'>, dataDir: string): Promise<string[]> {
  const watchDirs = (await store.sources.list()).flatMap((s) => (s.rules?.watchDir ? [watchQuarantineDir(s.rules.watchDir)] : []));
  return [dataQuarantineDir(dataDir), ...watchDirs];
}

/** Every quarantined file of the data folder and the watch folders, oldest first, with its reason. */
export async function listAllQuarantine(store: Pick<Store, 'sources'>, dataDir: string): Promise<QuarantineEntry[]> {
  return listQuarantine(await quarantineDirs(store, dataDir));
}

export type ReplayResult =
  | { file: string; isIngested: true; items: number; movedTo: string }
  | { file: string; isIngested: false; reason: string };

/**
 * Ingests a quarantined file again (`lede quarantine replay`, the newsroom's replay): one that now
 * goes in moves to `done/` and loses its `.reason`; one that fails again keeps it, with the new
 * reason. A record-only entry (a file too large to copy) cannot be replayed from here.
 */
export async function replayQuarantined(
  deps: { pipeline: Pick<IngestPipeline, 'ingestFile'>; clock: Clock },
  entry: QuarantineEntry,
): Promise<ReplayResult> {
  if (entry.isRecordOnly)
    return { file: entry.file, isIngested: false, reason: `not copied into quarantine (${entry.reason}); run lede ingest on it again` };
  try {
    const results = await deps.pipeline.ingestFile({ bytes: await readFile(entry.file), filename: entry.file, source: entry.source });
    return { file: entry.file, isIngested: true, items: results.length, movedTo: await releaseFromQuarantine(entry.file) };
  } catch (error) {
    if (!isLedeError(error) || !error.code.startsWith('LEDE_INGEST_')) throw error;
    const reason = error.message.startsWith(`${entry.file}: `) ? error.message.slice(entry.file.length + 2) : error.message;
    await updateReason(entry, reason, deps.clock.now());
    return { file: entry.file, isIngested: false, reason };
  }
}
