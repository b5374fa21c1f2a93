import { join } from 'node:path';
import pino from 'pino';
import { createManualClock } from '../../src/core/clock.js';
import { createMediaLibrary } from '../../src/ingest/media.js';
import { createIngestPipeline } from '../../src/ingest/pipeline.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { copyMigratedSqlite } from '../helpers/demo-template.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

export interface IngestRig {
  store: Store;
  clock: ReturnType<typeof createManualClock>;
  pipeline: ReturnType<typeof createIngestPipeline>;
  media: ReturnType<typeof createMediaLibrary>;
  dir: string;
  mediaDir: string;
}

/**
 * The real pipeline over a real store (a SQLite file in a temp dir, or the engine's URL),
 * on a manual clock: for tests of the lifecycle rules without HTTP.
 */
export async function startIngestRig(
  t: { after(fn: () => Promise<void>): unknown },
  options: { url?: string; searchPath?: string; now?: string; fetchTimeoutMs?: number; maxPictureBytes?: number } = {},
): Promise<IngestRig> {
  const dir = await createTmpDir(t);
  if (options.url === undefined) await copyMigratedSqlite(join(dir, 'lede.db'));
  const store = await openStore({ url: options.url ?? `sqlite:${join(dir, 'lede.db')}`, searchPath: options.searchPath });
  t.after(() => store.close());
  await store.migrate();
  const clock = createManualClock(options.now ?? '2026-03-02T10:00:00Z');
  const mediaDir = join(dir, 'media');
  const media = createMediaLibrary({
    media: store.media,
    mediaDir,
    fetchTimeoutMs: options.fetchTimeoutMs,
    maxBytes: options.maxPictureBytes,
  });
  const pipeline = createIngestPipeline({ store, clock, media, logger: pino({ level: 'silent' }) });
  return { store, clock, pipeline, media, dir, mediaDir };
}
