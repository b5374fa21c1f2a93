/**
 * Counts that fade with time: each unit added at `t` weighs exp(−(now − t)/τ) at `now`.
 * Stored as one value and the time it was last brought up to date, so adding and reading
 * are O(1) and nothing keeps a list of events.
 */
export interface DecayedCounters<K> {
  add(key: K, at: number, amount?: number): void;
  /** The decayed count at `at` (0 for an unknown key). `at` must not go back in time. */
  get(key: K, at: number): number;
}

export function createDecayedCounters<K>(tauMs: number): DecayedCounters<K> {
  const values = new Map<K, { value: number; at: number }>();
  const decayed = (entry: { value: number; at: number }, at: number) =>
    at <= entry.at ? entry.value : entry.value * Math.exp(-(at - entry.at) / tauMs);
  return {
    add(key, at, amount = 1) {
      const entry = values.get(key);
      if (!entry) {
        values.set(key, { value: amount, at });
        return;
      }
      entry.value = decayed(entry, at) + amount;
      entry.at = Math.max(entry.at, at);
    },
    get(key, at) {
      const entry = values.get(key);
      return entry ? decayed(entry, at) : 0;
    },
  };
}
