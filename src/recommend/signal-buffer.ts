import type { ImpressionRecord, Store, ViewHit } from '../store/types.js';

export interface SignalBufferLogger {
  error(obj: object, msg?: string): void;
}

export interface SignalBuffer {
  view(hit: ViewHit): void;
  impression(record: ImpressionRecord): void;
  click(click: { impressionId: string; storyId: string; at: Date }): void;
  /** Writes what is buffered now, in one transaction. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

/**
 * The beacon's writes, batched: hits wait in memory and go to the store every `flushMs`
 * (default 1 s) or as soon as `maxItems` are waiting, all in one transaction. A request never
 * writes a row itself, so a burst of beacons costs a few statements a second. Several
 * processes may flush at once: the repository writes in key order and de-duplicates in SQL.
 */
export function createSignalBuffer(deps: {
  store: Pick<Store, 'transaction'>;
  logger?: SignalBufferLogger;
  flushMs?: number;
  maxItems?: number;
}): SignalBuffer {
  const maxItems = deps.maxItems ?? 500;
  let views: ViewHit[] = [];
  let impressions: ImpressionRecord[] = [];
  let clicks: Array<{ impressionId: string; storyId: string; at: Date }> = [];
  let flushing: Promise<void> = Promise.resolve();
  const size = () => views.length + impressions.length + clicks.length;

  const flush = () => {
    flushing = flushing.then(async () => {
      if (size() === 0) return;
      const batch = { views, impressions, clicks };
      views = [];
      impressions = [];
      clicks = [];
      try {
        await deps.store.transaction(async (repos) => {
          if (batch.views.length > 0) await repos.signals.recordViews(batch.views);
          if (batch.impressions.length > 0) await repos.signals.recordImpressions(batch.impressions);
          if (batch.clicks.length > 0) await repos.signals.recordClicks(batch.clicks);
        });
      } catch (error) {
        // Counts are best effort: a failed batch is logged and dropped, never retried into a pile-up.
        deps.logger?.error({ err: error, views: batch.views.length, impressions: batch.impressions.length }, 'reader signals batch failed');
      }
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), deps.flushMs ?? 1000);
  timer.unref();
  const added = () => {
    if (size() >= maxItems) void flush();
  };
  return {
    view(hit) {
      views.push(hit);
      added();
    },
    impression(record) {
      impressions.push(record);
      added();
    },
    click(click) {
      clicks.push(click);
      added();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
