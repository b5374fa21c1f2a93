import { parseArgs } from 'node:util';
import type { Config } from '../../server/config.js';
import { serve, serveWorkers } from '../../server/lifecycle.js';

export async function runServe(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { values } = parseArgs({ args, options: { workers: { type: 'string' } } });
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    process.stderr.write(`lede serve: --workers "${values.workers}" must be a whole number from 1 to 64\n`);
    return 2;
  }
  if (workers === 1) await serve(config());
  else await serveWorkers(config(), workers);
  // The server keeps the process alive until a signal closes it.
  return new Promise<number>(() => {});
}
