import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { LedeError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';

/** Keys are 256 random bits, so a plain SHA-256 is enough to store them (no password stretching). */
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Creates a key for a partner; the key is returned once and only its hash is stored. Names stay
 * taken after a revoke, so that a listing never shows two keys of one name (LEDE_NEWSROOM_EXISTS).
 */
export async function createApiKey(
  deps: { store: Pick<Store, 'apiKeys'>; clock: Clock },
  name: string,
): Promise<{ name: string; key: string }> {
  if ((await deps.store.apiKeys.list()).some((k) => k.name === name)) {
    throw new LedeError('LEDE_NEWSROOM_EXISTS', `a key named "${name}" already exists (choose another name)`, {
      details: { field: 'name' },
    });
  }
  const key = `lede_${randomBytes(32).toString('base64url')}`;
  await deps.store.apiKeys.create({ id: randomUUID(), name, keyHash: hashApiKey(key), createdAt: deps.clock.now().toISOString() });
  return { name, key };
}

/** `Authorization: Bearer KEY` or `X-Api-Key: KEY`; undefined when neither is sent. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (match) return match[1];
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}
