import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import type { QuarantineEntry } from '../../ingest/quarantine.js';
import { listAllQuarantine, replayQuarantined } from '../../ingest/quarantine-replay.js';
import type { Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { createServices } from '../../server/services.js';
import { openStore } from '../../store/open.js';

const usage = 'usage: lede quarantine list [--json]\n       lede quarantine replay [FILE…]\n';

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
    const entries = await listAllQuarantine(store, cfg.dataDir);
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
      const result = await replayQuarantined({ pipeline, clock: systemClock }, entry);
      if (result.isIngested) process.stdout.write(`${entry.file}: ingested ${result.items} item(s), moved to ${result.movedTo}\n`);
      else {
        failed++;
        process.stderr.write(`${entry.file}: ${result.reason}\n`);
      }
    }
    return failed === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
