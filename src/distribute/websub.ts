import type { Clock } from '../core/clock.js';
import { absoluteUrl, authorPath, type FeedFormat, feedPath, sectionPath, sourcePath, tagPath } from '../core/urls.js';
import type { Store, StoryEvent } from '../store/types.js';

export interface WebSubLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const formats: FeedFormat[] = ['rss', 'atom', 'json'];

/** The list paths whose feeds a set of invalidated cache tags changes. */
export function feedListPathsFor(tags: string[]): string[] {
  const paths = new Set<string>();
  for (const tag of tags) {
    const [kind, scope, ...rest] = tag.split(':');
    const slug = rest.join(':');
    if (kind !== 'list') continue;
    if (scope === 'home') paths.add('/');
    else if (!slug) continue;
    else if (scope === 'section') paths.add(sectionPath(slug));
    else if (scope === 'tag') paths.add(tagPath(slug));
    else if (scope === 'author') paths.add(authorPath(slug));
    else if (scope === 'source') paths.add(sourcePath(slug));
  }
  return [...paths];
}

/**
 * WebSub publishing: when an event changes a feed, tell the configured hub
 * (`hub.mode=publish&hub.url=FEED`) so subscribers fetch it at once instead of polling.
 * Changes are debounced per feed: a feed is pinged once it has been quiet for `debounceMs`
 * (or has waited `maxWaitMs`), however many stories changed meanwhile. `flush` runs from
 * the scheduler, so only the lease holder pings, once for all processes.
 */
export function createWebSubPublisher(deps: {
  store: Pick<Store, 'settings'>;
  clock: Clock;
  publicUrl: string;
  logger: WebSubLogger;
  debounceMs?: number;
  maxWaitMs?: number;
  timeoutMs?: number;
}) {
  const debounceMs = deps.debounceMs ?? 1000;
  const maxWaitMs = deps.maxWaitMs ?? 30_000;
  const pending = new Map<string, { first: number; last: number }>();
  const maxPending = 10_000;

  const ping = async (hub: string, url: string) => {
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`hub answered ${response.status}`);
  };

  return {
    /** Queues the feeds touched by `tags`; demo loads and invisible `store` events change no feed a subscriber sees. */
    enqueue(tags: string[], events: StoryEvent[]): void {
      if (!events.some((e) => e.origin !== 'demo' && e.kind !== 'store')) return;
      const now = deps.clock.now().getTime();
      for (const listPath of feedListPathsFor(tags)) {
        for (const format of formats) {
          const url = absoluteUrl(deps.publicUrl, feedPath(format, listPath));
          const seen = pending.get(url);
          pending.delete(url);
          pending.set(url, { first: seen?.first ?? now, last: now });
          // Processes that never hold the lease never flush: keep their queue bounded.
          if (pending.size > maxPending) pending.delete(pending.keys().next().value as string);
        }
      }
    },
    /** Pings the hub for each feed that is due; returns the feed URLs pinged. */
    async flush(): Promise<string[]> {
      if (pending.size === 0) return [];
      const { hub } = await deps.store.settings.get('websub');
      if (!hub) {
        pending.clear();
        return [];
      }
      const now = deps.clock.now().getTime();
      const due = [...pending].filter(([, t]) => now - t.last >= debounceMs || now - t.first >= maxWaitMs).map(([url]) => url);
      for (const url of due) pending.delete(url);
      const pinged: string[] = [];
      for (const url of due) {
        try {
          await ping(hub, url);
          pinged.push(url);
        } catch (error) {
          // Subscribers still poll; a failed ping only delays them, so it is logged, not retried.
          deps.logger.warn({ hub, url, err: error instanceof Error ? error.message : String(error) }, 'WebSub ping failed');
        }
      }
      if (pinged.length > 0) deps.logger.info({ hub, feeds: pinged.length }, 'WebSub hub pinged');
      return pinged;
    },
  };
}

export type WebSubPublisher = ReturnType<typeof createWebSubPublisher>;
