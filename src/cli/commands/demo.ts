import { systemClock } from '../../core/clock.js';
import type { Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { createServices } from '../../server/services.js';
import { openStore } from '../../store/open.js';

/** `lede demo`: loads the demo set again (newer demo versions replace, the rest is ignored). */
export async function runDemo(_args: string[], config: () => Readonly<Config>): Promise<number> {
  const cfg = config();
  const store = await openStore({ url: cfg.databaseUrl });
  try {
    await store.migrate();
    const result = await createServices({ config: cfg, store, clock: systemClock, logger: createLogger('warn') }).loadDemo();
    for (const failure of result.failed) process.stderr.write(`${failure.file}: ${failure.reason}\n`);
    process.stderr.write(`lede demo: ${result.stories} stories loaded, ${result.failed.length} files skipped\n`);
    return result.failed.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
