import type { Clock } from '../core/clock.js';
import type { PageCache } from '../http/response-cache.js';
import type { Recommender } from '../recommend/recommender.js';
import type { Store } from '../store/types.js';
import { mostReadCount } from './routes/home.js';
import { breakingStories } from './view-loader.js';

/**
 * Some blocks change with the clock, not with a story: "Most read" as readers read, and the
 * breaking strip when a story's 24 hours end. Each process recomputes them now and then and
 * purges only when what they show has changed, so entries still live until invalidated.
 */
export function createClockBoundRefresh(deps: { store: Store; cache: PageCache; clock: Clock; recommender: Recommender }) {
  let last: { mostRead?: string; breaking?: string } = {};
  return async function refresh(): Promise<string[]> {
    const now = deps.clock.now();
    const [mostRead, recent] = await Promise.all([
      deps.recommender.refreshSignals().then(() => deps.recommender.mostReadDigest(mostReadCount)),
      deps.store.stories.listLatest({ limit: 30 }),
    ]);
    const next = {
      mostRead,
      breaking: breakingStories(recent, now)
        .map((s) => s.id)
        .join(),
    };
    const purged: string[] = [];
    if (last.mostRead !== undefined && last.mostRead !== next.mostRead) purged.push('most-read');
    if (last.breaking !== undefined && last.breaking !== next.breaking) purged.push('list:breaking');
    last = next;
    if (purged.length > 0) deps.cache.invalidate(purged, { keepStale: true });
    return purged;
  };
}
