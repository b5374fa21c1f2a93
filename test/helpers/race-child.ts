/**
 * A writer process for race tests: `node --import tsx test/helpers/race-child.ts JOB_JSON`.
 * It opens its own store and says `ready`, waits for `go` on stdin (so that every writer of a
 * race starts at once), does its job, says `done` with a JSON result and exits.
 *
 * Jobs: `ingest` stores wire items through the real pipeline, one transaction per item;
 * `hold` changes a story inside a transaction, says `held`, and commits only at `commit`.
 */
import { createInterface } from 'node:readline';
import pino from 'pino';
import { systemClock } from '../../src/core/clock.js';
import type { Ninjs } from '../../src/core/ninjs.js';
import type { Story } from '../../src/core/story.js';
import { createMediaLibrary } from '../../src/ingest/media.js';
import { createIngestPipeline } from '../../src/ingest/pipeline.js';
import { openStore } from '../../src/store/open.js';
import { putStory } from './story-writes.js';

export type RaceJob =
  | { kind: 'ingest'; url: string; searchPath?: string; mediaDir: string; source: string; items: Ninjs[] }
  | { kind: 'hold'; url: string; searchPath?: string; story: Story };

const job = JSON.parse(process.argv[2] ?? '{}') as RaceJob;
const lines = createInterface({ input: process.stdin });
const words = new Set<string>();
const waiting = new Map<string, () => void>();
lines.on('line', (line) => {
  words.add(line.trim());
  waiting.get(line.trim())?.();
});
/** Resolves once `word` has come on stdin, before or after the call. */
const heard = (word: string) =>
  new Promise<void>((resolve) => {
    waiting.set(word, resolve);
    if (words.has(word)) resolve();
  });

const store = await openStore({ url: job.url, searchPath: job.searchPath });
const go = heard('go');
process.stdout.write('ready\n');
await go;
let result: unknown;
if (job.kind === 'ingest') {
  const media = createMediaLibrary({ media: store.media, mediaDir: job.mediaDir });
  const pipeline = createIngestPipeline({ store, clock: systemClock, media, logger: pino({ level: 'silent' }) });
  const outcomes: string[] = [];
  for (const item of job.items) {
    const [r] = await pipeline.ingestItems([item], { source: job.source });
    outcomes.push(`${item.uri}:${r?.outcome}`);
  }
  result = outcomes;
} else {
  const commit = heard('commit');
  await store.transaction(async (tx) => {
    await putStory(tx, job.story, { origin: 'wire' });
    process.stdout.write('held\n');
    await commit;
  });
  result = 'committed';
}
process.stdout.write(`done ${JSON.stringify(result)}\n`);
lines.close();
await store.close();
