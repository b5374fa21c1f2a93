import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';

export async function runMigrate(_args: string[], config: () => Readonly<Config>): Promise<number> {
  const store = await openStore({ url: config().databaseUrl });
  try {
    await store.migrate();
    process.stderr.write('lede migrate: database is up to date\n');
    return 0;
  } finally {
    await store.close();
  }
}
