import type { Clock } from '../../core/clock.js';

/**
 * Wrong API keys per address, in a sliding window, so that nobody can guess keys: after
 * `limit` failures within `windowMs`, every request from that address that presents a key
 * (a right one too, or the answer would tell a guesser which key is right) waits until the
 * oldest failure leaves the window. Per process and in memory, like the token buckets.
 */
export function createFailedKeyLimit(deps: { clock: Clock; limit?: number; windowMs?: number; maxAddresses?: number }) {
  const limit = deps.limit ?? 10;
  const windowMs = deps.windowMs ?? 60_000;
  const maxAddresses = deps.maxAddresses ?? 10_000;
  const failures = new Map<string, number[]>();

  const recent = (address: string, now: number) => {
    const times = (failures.get(address) ?? []).filter((at) => at > now - windowMs);
    if (times.length > 0) failures.set(address, times);
    else failures.delete(address);
    return times;
  };

  return {
    /** Whole seconds `address` must wait before it may present a key again; 0 when it may now. */
    retryAfterSeconds(address: string): number {
      const now = deps.clock.now().getTime();
      const times = recent(address, now);
      if (times.length < limit) return 0;
      const freedAt = (times[times.length - limit] ?? now) + windowMs;
      return Math.max(1, Math.ceil((freedAt - now) / 1000));
    },
    recordFailure(address: string): void {
      const now = deps.clock.now().getTime();
      const times = recent(address, now);
      times.push(now);
      failures.delete(address);
      failures.set(address, times.slice(-limit));
      // Forget the address that failed longest ago: memory stays bounded under a spray of addresses.
      if (failures.size > maxAddresses) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
    },
  };
}
