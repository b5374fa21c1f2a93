import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import { createApiKey } from '../../distribute/content-api/api-keys.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';

const usage = 'usage: lede apikey add NAME | list | revoke NAME\n';

/** `lede apikey add NAME` prints the new key once on stdout; only its hash is stored. */
export async function runApiKey(args: string[], config: () => Readonly<Config>): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [action, name, ...rest] = positionals;
  const isNamed = action === 'add' || action === 'revoke';
  if (rest.length > 0 || (action !== 'list' && !isNamed) || (isNamed && !name?.trim()) || (action === 'list' && name !== undefined)) {
    process.stderr.write(usage);
    return 2;
  }
  const store = await openStore({ url: config().databaseUrl });
  try {
    await store.migrate();
    if (action === 'add' && name) {
      let created: { name: string; key: string };
      try {
        created = await createApiKey({ store, clock: systemClock }, name.trim());
      } catch (error) {
        if (!isLedeError(error, 'LEDE_NEWSROOM_EXISTS')) throw error;
        process.stderr.write(`lede apikey: ${error.message}\n`);
        return 1;
      }
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`lede apikey: key "${created.name}" created; it is shown only this once\n`);
      return 0;
    }
    if (action === 'revoke' && name) {
      const isRevoked = await store.apiKeys.revoke(name.trim(), systemClock.now().toISOString());
      process.stderr.write(
        isRevoked ? `lede apikey: key "${name.trim()}" revoked\n` : `lede apikey: no active key named "${name.trim()}"\n`,
      );
      return isRevoked ? 0 : 1;
    }
    for (const key of await store.apiKeys.list()) {
      process.stdout.write(`${key.name}\t${key.createdAt}\t${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
