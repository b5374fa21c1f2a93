import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/types.js';

/** The key of the secret in the store's internal settings: generated on first use, never shown. */
const secretKey = 'secret:preview';
export const previewTtlMs = 60 * 60_000;

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * Signed, expiring preview links (`/preview/{token}`): the newsroom issues them, the site checks
 * them, and neither imports the other. A token is `payload.signature`, the payload the story id
 * and the expiry, the signature an HMAC-SHA256 with a secret kept in the database, so every
 * process of one site accepts the others' tokens. The secret is read each time (it is one small
 * row), so a process never holds a stale one.
 */
export function createPreviewTokens(deps: { store: Store }) {
  const secret = async (): Promise<string> => {
    const stored = await deps.store.settings.getInternal<string>(secretKey);
    if (stored) return stored;
    await deps.store.settings.setInternal(secretKey, randomBytes(32).toString('base64url'));
    // Two processes starting at once: both read back the one that was written last.
    return (await deps.store.settings.getInternal<string>(secretKey))!;
  };
  return {
    async issue(storyId: string, now: Date, ttlMs = previewTtlMs): Promise<{ token: string; expiresAt: string }> {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const payload = Buffer.from(JSON.stringify([storyId, Math.floor(expiresAt.getTime() / 1000)])).toString('base64url');
      return { token: `${payload}.${sign(await secret(), payload)}`, expiresAt: expiresAt.toISOString() };
    },
    /** The story id of a token that is signed with our secret and has not expired; undefined otherwise. */
    async verify(token: string, now: Date): Promise<string | undefined> {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return undefined;
      const expected = Buffer.from(sign(await secret(), payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      try {
        const [storyId, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
        if (typeof storyId !== 'string' || typeof expires !== 'number' || expires * 1000 <= now.getTime()) return undefined;
        return storyId;
      } catch {
        return undefined;
      }
    },
  };
}

export type PreviewTokens = ReturnType<typeof createPreviewTokens>;
