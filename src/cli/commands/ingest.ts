import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import type { Ninjs } from '../../core/ninjs.js';
import { ingestFiles, parseFilesInOrder } from '../../ingest/bulk.js';
import { listWireFiles } from '../../ingest/files.js';
import { withParser } from '../../ingest/parse-pool.js';
import { defaultMaxFileBytes, type ItemResult } from '../../ingest/pipeline.js';
import { quarantineCopy, quarantineRecord } from '../../ingest/quarantine.js';
import type { Config } from '../../server/config.js';

const reasonOf = (file: string, error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
};

/**
 * `lede ingest [--source NAME] [--dry-run] [--json] PATH…`: one `PATH: reason` line per bad
 * file on stderr and exit 1 if any; `--dry-run --json` prints only the normalised items.
 * A real run parses in worker threads while it stores, each file whole by its source's rules
 * (ingest/bulk.ts), and keeps a copy of each bad file in LEDE_DATA_DIR/quarantine/ with its
 * reason (listed by `lede quarantine list`).
 */
export async function runIngest(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (positionals.length === 0) {
    process.stderr.write('usage: lede ingest [--source NAME] [--dry-run] [--json] PATH…\n');
    return 2;
  }
  let bad = 0;
  const files: string[] = [];
  for (const path of positionals) {
    try {
      files.push(...(await listWireFiles([path])));
    } catch (error) {
      bad++;
      process.stderr.write(
        `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : reasonOf(path, error)}\n`,
      );
    }
  }

  const warn = (message: string) => process.stderr.write(`${message}\n`);
  if (values['dry-run']) {
    const items: Ninjs[] = [];
    await withParser(files.length, async (parse) => {
      const parseOne = (file: string) => parse({ path: file, maxBytes: defaultMaxFileBytes }, { filename: file, warn });
      for await (const outcome of parseFilesInOrder(files, parseOne)) {
        if ('items' in outcome) {
          items.push(...outcome.items);
          continue;
        }
        if (!isLedeError(outcome.error)) throw outcome.error;
        bad++;
        process.stderr.write(`${outcome.file}: ${reasonOf(outcome.file, outcome.error)}\n`);
      }
    });
    if (values.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    else process.stderr.write(`lede ingest: ${items.length} items in ${files.length - bad} files (dry run)\n`);
    return bad === 0 ? 0 : 1;
  }

  // Loaded only for a real run: a dry run needs neither the store nor the server's services.
  const [{ openStore }, { createServices }, { createLogger }] = await Promise.all([
    import('../../store/open.js'),
    import('../../server/services.js'),
    import('../../server/logger.js'),
  ]);
  const cfg = config();
  const store = await openStore({ url: cfg.databaseUrl });
  try {
    await store.migrate();
    const { pipeline } = createServices({ config: cfg, store, clock: systemClock, logger: createLogger('warn') });
    const results: ItemResult[] = [];
    await ingestFiles(pipeline, files, {
      source: values.source,
      warn,
      onFile: async (outcome) => {
        if ('results' in outcome) {
          results.push(...outcome.results);
          return;
        }
        const { file, error } = outcome;
        if (!isLedeError(error) || !error.code.startsWith('LEDE_INGEST_')) throw error;
        bad++;
        const reason = reasonOf(file, error);
        process.stderr.write(`${file}: ${reason}\n`);
        // The caller's file stays; a copy is kept of a bad file, a record only of one over the size limit.
        const keep = error.code === 'LEDE_INGEST_TOO_LARGE' ? quarantineRecord : quarantineCopy;
        await keep({ dataDir: cfg.dataDir, file, reason, source: values.source, now: systemClock.now() });
        if (values.source)
          await store.sources.recordError(values.source, { at: systemClock.now().toISOString(), message: `${file}: ${reason}` });
      },
    });
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else process.stderr.write(`lede ingest: ${results.length} items from ${files.length - bad} files, ${bad} bad\n`);
    return bad === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
