import type { Clock } from '../core/clock.js';
import type { Story } from '../core/story.js';
import { yieldToEventLoop } from '../core/yield.js';
import type { Store } from '../store/types.js';
import { createForYouRanker, type ReaderSignals } from './for-you.js';
import { type ContentIndex, createContentIndex, type StoryCard } from './story-index.js';
import { computeTrending, type Trending, trendingWindowHours } from './trending.js';

export interface RecommenderLogger {
  error(obj: object, msg?: string): void;
}

export interface Recommender {
  /** "Recommended for you" from a history cookie's ids (unknown ids are skipped), one story per cluster. */
  forYou(input: { history: readonly string[]; limit: number; clusterOf?: (id: string) => string }): Promise<StoryCard[]>;
  /** "Most read": trending with time decay, for the site or one section. */
  mostRead(input: { section?: string; limit: number }): Promise<StoryCard[]>;
  /** The ids "Most read" shows for the site and each section, as one string that changes when they do. */
  mostReadDigest(limit: number): Promise<string>;
  /** "Read X, then Y" counts of the last 7 days from X = `storyId` (for "Read also"). */
  coVisitsOf(storyId: string): Promise<ReadonlyMap<string, number>>;
  /** The published story with this id, if the index holds it. */
  published(id: string): Promise<StoryCard | undefined>;
  /** Loads the index now rather than at the first request. */
  prepare(): Promise<void>;
  /** Resolves once every event committed so far has reached the index (tests, benchmarks). */
  settle(): Promise<void>;
  /** Reloads the signals now (tests, and the clock-bound refresh). */
  refreshSignals(): Promise<void>;
  close(): void;
}

/** How long the crowd's signals are reused before they are read again. */
const signalsTtlMs = 30_000;
/** Co-visits are counted over this many days. */
const coVisitDays = 7;
/** At most this many of the newest published stories are indexed. */
export const indexCapacity = 100_000;

/**
 * The recommenders of one process: a content index of published stories that follows the
 * store's events, and the crowd's signals (trending, co-visits) re-read every 30 s.
 */
export function createRecommender(deps: { store: Store; clock: Clock; logger?: RecommenderLogger; capacity?: number }): Recommender {
  const index: ContentIndex = createContentIndex();
  const rankForYou = createForYouRanker(index);
  const capacity = deps.capacity ?? indexCapacity;
  let loaded: Promise<void> | undefined;
  let signals: { at: number; value: ReaderSignals & { trending: ReaderSignals['trending']; raw: Trending } } | undefined;
  let reading: Promise<void> | undefined;
  const pending = new Set<string>();
  let applying: Promise<void> = Promise.resolve();
  let lastEventId = 0;

  const load = () =>
    (loaded ??= (async () => {
      const page = 2000;
      let before: { publishedAt: string; id: string } | undefined;
      const all: Story[] = [];
      while (all.length < capacity) {
        const stories = await deps.store.articleIndex.page({ before, limit: Math.min(page, capacity - all.length) });
        all.push(...stories);
        await yieldToEventLoop();
        const last = stories.at(-1);
        if (!last || stories.length < page) break;
        before = { publishedAt: last.publishedAt ?? last.firstcreated, id: last.id };
      }
      await index.load(all);
    })());

  const applyPending = async () => {
    const ids = [...pending];
    pending.clear();
    if (ids.length === 0) return;
    const stories = await deps.store.stories.findByIds(ids);
    const byId = new Map(stories.map((s) => [s.id, s]));
    for (const id of ids) {
      const story = byId.get(id);
      if (story?.state === 'published') index.upsert(story);
      else index.remove(id);
    }
  };
  const stopFollowing = deps.store.onEvents((events) => {
    for (const event of events) {
      lastEventId = Math.max(lastEventId, event.id);
      if (event.kind !== 'settings') pending.add(event.storyId);
    }
    applying = applying
      .then(() => (loaded ? loaded.then(applyPending) : undefined))
      .catch((error) => deps.logger?.error({ err: error }, 'recommendation index update failed'));
  });

  const readSignals = async () => {
    const now = deps.clock.now();
    const [hourly, co] = await Promise.all([
      deps.store.signals.hourlyViews({ since: new Date(now.getTime() - trendingWindowHours * 3_600_000) }),
      deps.store.signals.coVisits({ since: new Date(now.getTime() - coVisitDays * 86_400_000) }),
    ]);
    const trending = computeTrending(hourly, now);
    const coVisits = new Map<string, Map<string, number>>();
    for (const row of co) {
      const next = coVisits.get(row.fromId) ?? new Map<string, number>();
      next.set(row.toId, row.count);
      coVisits.set(row.fromId, next);
    }
    signals = { at: now.getTime(), value: { trending: trending.scores, trendingOrder: trending.order, coVisits, raw: trending } };
  };
  const currentSignals = async () => {
    const now = deps.clock.now().getTime();
    if (!signals) {
      if (!reading) {
        reading = readSignals().finally(() => {
          reading = undefined;
        });
      }
      await reading;
    } else if (now - signals.at > signalsTtlMs && !reading) {
      // Stale: answer with what we have, refresh behind.
      reading = readSignals()
        .catch((error) => deps.logger?.error({ err: error }, 'reader signals refresh failed'))
        .finally(() => (reading = undefined));
    }
    return (signals as NonNullable<typeof signals>).value;
  };
  const ready = async () => {
    await load();
    await applying;
  };

  return {
    async forYou({ history, limit, clusterOf }) {
      await ready();
      const s = await currentSignals();
      return rankForYou({ signals: s, history, now: deps.clock.now(), limit, clusterOf });
    },
    async mostRead({ section, limit }) {
      await ready();
      const s = await currentSignals();
      const ids = section ? (s.raw.bySection.get(section) ?? []) : s.raw.order;
      const out: StoryCard[] = [];
      for (const id of ids) {
        const entry = index.get(id);
        if (entry) out.push(entry.story);
        if (out.length >= limit) break;
      }
      return out;
    },
    async mostReadDigest(limit) {
      await ready();
      const s = await currentSignals();
      const shown = (ids: string[]) =>
        ids
          .filter((id) => index.get(id))
          .slice(0, limit)
          .join();
      return [shown(s.raw.order), ...[...s.raw.bySection.entries()].sort().map(([section, ids]) => `${section}:${shown(ids)}`)].join('|');
    },
    async coVisitsOf(storyId) {
      const s = await currentSignals();
      return s.coVisits.get(storyId) ?? new Map<string, number>();
    },
    async published(id) {
      await ready();
      const entry = index.get(id);
      if (entry) return entry.story;
      const story = await deps.store.stories.findById(id);
      return story?.state === 'published' ? story : undefined;
    },
    prepare: ready,
    async settle() {
      const target = await deps.store.events.latestId();
      const deadline = Date.now() + 5000;
      while (lastEventId < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await ready();
    },
    async refreshSignals() {
      await readSignals();
    },
    close: stopFollowing,
  };
}
