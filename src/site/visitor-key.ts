import { createHmac, randomBytes } from 'node:crypto';
import type { Settings } from '../store/types.js';

/** Internal setting holding the secret the daily visitor keys are made with. */
export const visitorSecretKey = 'recommend.visitorSecret';

/**
 * The day's key for a browser, for "one view per browser, story and day" without a cookie:
 * an HMAC of the day, the address and the user agent under a secret kept in the database
 * (so every process agrees). The address itself is never stored, and a key cannot be
 * linked to the next day's. `address(…)` is the same for the address alone.
 */
export function createVisitorKeys(deps: { settings: Pick<Settings, 'getInternal' | 'setInternal'> }) {
  let secret: Promise<string> | undefined;
  const load = () =>
    (secret ??= (async () => {
      const stored = await deps.settings.getInternal<string>(visitorSecretKey);
      if (stored) return stored;
      await deps.settings.setInternal(visitorSecretKey, randomBytes(32).toString('hex'));
      // Read back: if two processes raced, both use whichever was written last.
      return (await deps.settings.getInternal<string>(visitorSecretKey)) as string;
    })().catch((error) => {
      secret = undefined;
      throw error;
    }));
  const mac = async (parts: string[]) =>
    createHmac('sha256', await load())
      .update(parts.join('\u0000'))
      .digest('base64url')
      .slice(0, 22);
  return {
    browser: (input: { day: string; address: string; userAgent: string }) => mac(['b', input.day, input.address, input.userAgent]),
    address: (input: { day: string; address: string }) => mac(['a', input.day, input.address]),
  };
}

export type VisitorKeys = ReturnType<typeof createVisitorKeys>;
