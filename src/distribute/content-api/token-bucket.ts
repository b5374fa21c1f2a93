import type { Clock } from '../../core/clock.js';

export interface RateDecision {
  isAllowed: boolean;
  /** Whole seconds until one request is allowed again (for `Retry-After`). */
  retryAfterSeconds: number;
  remaining: number;
}

/**
 * Token buckets in memory, one per client (API key or address): `perMinute` tokens refill
 * evenly over a minute, up to a burst of `perMinute`. Per process: with N processes a client
 * gets at most N times the rate, which is what a limit against abuse (not billing) needs.
 */
export function createTokenBuckets(deps: { clock: Clock; maxClients?: number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxClients = deps.maxClients ?? 10_000;

  const refill = (bucket: { tokens: number; at: number }, perMinute: number, now: number) => {
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
  };

  return {
    take(client: string, perMinute: number): RateDecision {
      const now = deps.clock.now().getTime();
      let bucket = buckets.get(client);
      if (!bucket) {
        if (buckets.size >= maxClients) {
          // Forget clients whose bucket has refilled: they lose nothing by it.
          for (const [key, b] of buckets) {
            refill(b, perMinute, now);
            if (b.tokens >= perMinute) buckets.delete(key);
          }
        }
        bucket = { tokens: perMinute, at: now };
        buckets.set(client, bucket);
      }
      refill(bucket, perMinute, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { isAllowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
      }
      const waitMs = ((1 - bucket.tokens) * 60_000) / perMinute;
      return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
    },
  };
}
