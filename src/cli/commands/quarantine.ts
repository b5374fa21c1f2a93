import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import {
  dataQuarantineDir,
  listQuarantine,
  type QuarantineEntry,
  releaseFromQuarantine,
  updateReason,
  watchQuarantineDir,
} from '../../ingest/quarantine.js';
import { createServices } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/types.js';

const usage = 'usage: lede quarantine list [--json]\n       lede quarantine replay [FILE…]\n';

/** Both kinds of quarantine: LEDE_DATA_DIR/quarantine/ and every watch folder's quarantine/. */
async function quarantineDirs(store: Store, dataDir: string): Promise<string[]> {
  const watchDirs = (await store.sources.list()).flatMap((s) => (s.rules?.watchDir ? [watchQuarantineDir(s.rules.watchDir)] : []));
  return [dataQuarantineDir(dataDir), ...watchDirs];
}

/**
 * `lede quarantine list` shows each bad file with its reason, source and time;
 * `lede quarantine replay [FILE…]` ingests them again (all when none is named): a file that
 * now goes in moves to `done/` and loses its `.reason`; one that fails again keeps it, updated.
 */
export async function runQuarantine(args: string[], config: () => Readonly<Config>): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'replay') {
    process.stderr.write(usage);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const cfg = config();
  const store = await openStore({ url: cfg.databaseUrl });
  try {
    await store.migrate();
    const entries = await listQuarantine(await quarantineDirs(store, cfg.dataDir));
    if (action === 'list') {
      if (values.json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      else for (const e of entries) process.stdout.write(`${e.file}\t${e.source ?? '-'}\t${e.at}\t${e.reason}\n`);
      return 0;
    }
    const byFile = new Map(entries.map((e) => [e.file, e]));
    const chosen: QuarantineEntry[] = [];
    let failed = 0;
    for (const name of positionals) {
      const entry = byFile.get(resolve(name));
      if (entry) chosen.push(entry);
      else {
        failed++;
        process.stderr.write(`${name}: not in quarantine (see lede quarantine list)\n`);
      }
    }
    const { pipeline } = createServices({ config: cfg, store, clock: systemClock, logger: createLogger('warn') });
    for (const entry of positionals.length > 0 ? chosen : entries) {
      if (entry.isRecordOnly) {
        failed++;
        process.stderr.write(`${entry.file}: not copied into quarantine (${entry.reason}); run lede ingest on it again\n`);
        continue;
      }
      try {
        const results = await pipeline.ingestFile({ bytes: await readFile(entry.file), filename: entry.file, source: entry.source });
        const done = await releaseFromQuarantine(entry.file);
        process.stdout.write(`${entry.file}: ingested ${results.length} item(s), moved to ${done}\n`);
      } catch (error) {
        if (!isLedeError(error) || !error.code.startsWith('LEDE_INGEST_')) throw error;
        failed++;
        const reason = error.message.startsWith(`${entry.file}: `) ? error.message.slice(entry.file.length + 2) : error.message;
        await updateReason(entry, reason, systemClock.now());
        process.stderr.write(`${entry.file}: ${reason}\n`);
      }
    }
    return failed === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
