/**
 * A beacon process for the reader-signals race: `node --import tsx test/helpers/signals-child.ts JOB_JSON`.
 * Opens its own store, says `ready`, waits for `go`, then feeds its views through a real
 * signal buffer (batched transactions) and says `done {…}`.
 */
import { createInterface } from 'node:readline';
import { createSignalBuffer } from '../../src/recommend/signal-buffer.js';
import { openStore } from '../../src/store/open.js';

interface Job {
  url: string;
  searchPath?: string;
  /** [storyId, visitor, isoTime, isProfiled] */
  views: Array<[string, string, string, boolean]>;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const store = await openStore({ url: job.url, searchPath: job.searchPath });
const errors: string[] = [];
const buffer = createSignalBuffer({
  store,
  flushMs: 5,
  maxItems: 25,
  logger: { error: (obj) => errors.push(String((obj as { err?: Error }).err)) },
});
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));
for (const [storyId, visitor, at, isProfiled] of job.views) {
  buffer.view({ storyId, visitor, at: new Date(at), isProfiled });
  if (Math.random() < 0.2) await new Promise((r) => setImmediate(r));
}
await buffer.close();
await store.close();
lines.close();
process.stdout.write(`done ${JSON.stringify({ errors })}\n`);
