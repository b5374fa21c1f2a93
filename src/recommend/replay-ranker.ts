import { createDecayedCounters } from './decayed-counter.js';
import type { MindImpression, MindNews } from './mind-format.js';

/**
 * A ranker that learns only from what it has been shown: `observe` each impression after it
 * is scored, `score` the candidates of the next one. Used by `lede eval recommend`, so every
 * signal is built strictly from earlier events of the log.
 */
export interface ReplayRanker {
  score(impression: MindImpression): number[];
  observe(impression: MindImpression): void;
}

const hourMs = 60 * 60 * 1000;

/** Random order, seeded so that a run can be repeated. */
export function createRandomRanker(seed = 12): ReplayRanker {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return { score: (impression) => impression.candidates.map(() => next()), observe: () => {} };
}

/** The usual baseline: click-through rate over all earlier impressions, smoothed towards the mean. */
export function createCtrRanker(): ReplayRanker {
  const clicks = new Map<string, number>();
  const shown = new Map<string, number>();
  let totalClicks = 0;
  let totalShown = 0;
  const prior = 20;
  return {
    score(impression) {
      const mean = totalShown === 0 ? 0 : totalClicks / totalShown;
      return impression.candidates.map((c) => ((clicks.get(c) ?? 0) + prior * mean) / ((shown.get(c) ?? 0) + prior));
    },
    observe(impression) {
      impression.candidates.forEach((c, i) => {
        const label = impression.labels[i] ?? 0;
        shown.set(c, (shown.get(c) ?? 0) + 1);
        clicks.set(c, (clicks.get(c) ?? 0) + label);
        totalShown++;
        totalClicks += label;
      });
    },
  };
}

export interface LedeRankerWeights {
  /** Weight of the recency-weighted smoothed CTR (log scale). */
  ctr: number;
  /** Weight of log(1 + recent clicks). */
  clicks: number;
  /** Weight of freshness: exp(−age/τ) since the candidate was first seen. */
  freshness: number;
  /** Weight of co-clicks: readers who clicked this reader's history clicked the candidate. */
  coClick: number;
  /** Weight of the reader's share of history in the candidate's category (when news.tsv says). */
  category: number;
  /** Weight of log(1 + recent impressions): what the site is showing now. */
  shown: number;
  /** Weight of log(1 + readers whose earlier history held the candidate). */
  historyPopularity: number;
  /** Time constants (hours) of the click and impression counts, freshness; CTR prior strength. */
  tauHours: number;
  shownTauHours: number;
  freshTauHours: number;
  prior: number;
}

export const defaultLedeWeights: LedeRankerWeights = {
  ctr: 1,
  clicks: 0,
  freshness: 0.2,
  coClick: 0.3,
  category: 0.3,
  shown: 0,
  historyPopularity: 0.1,
  tauHours: 12,
  shownTauHours: 3,
  freshTauHours: 24,
  prior: 10,
};

/**
 * Lede's ranker on a click log: recency-weighted popularity and smoothed CTR from earlier
 * impressions, freshness of the candidate, co-clicks with the reader's history, and the
 * reader's category affinity. Works with no news text at all (then the category term is 0).
 */
export function createLedeRanker(input: { news: Map<string, MindNews>; weights?: LedeRankerWeights }): ReplayRanker {
  const w = input.weights ?? defaultLedeWeights;
  const clicks = createDecayedCounters<string>(w.tauHours * hourMs);
  const shown = createDecayedCounters<string>(w.tauHours * hourMs);
  const recentShown = createDecayedCounters<string>(w.shownTauHours * hourMs);
  const firstSeen = new Map<string, number>();
  /** history item → candidate clicked by a reader who had it in their history → count. */
  const coClicks = new Map<string, Map<string, number>>();
  const historyCount = new Map<string, number>();
  const inHistories = new Map<string, number>();
  const seenUsers = new Set<string>();
  let totalClicks = 0;
  let totalShown = 0;
  const prior = w.prior;
  const categoryOf = (id: string) => input.news.get(id)?.category || undefined;

  return {
    score(impression) {
      const t = impression.time;
      const mean = totalShown === 0 ? 0.04 : totalClicks / totalShown;
      const categories = new Map<string, number>();
      let known = 0;
      for (const h of impression.history) {
        const cat = categoryOf(h);
        if (cat === undefined) continue;
        categories.set(cat, (categories.get(cat) ?? 0) + 1);
        known++;
      }
      const history = impression.history.slice(-50);
      return impression.candidates.map((c) => {
        const cl = clicks.get(c, t);
        const ctr = (cl + prior * mean) / (shown.get(c, t) + prior);
        const seen = firstSeen.get(c);
        const age = seen === undefined ? 0 : t - seen;
        let co = 0;
        for (const h of history) {
          const row = coClicks.get(h);
          const n = row?.get(c);
          if (n) co += n / Math.sqrt(historyCount.get(h) ?? 1);
        }
        const cat = categoryOf(c);
        const affinity = known === 0 || cat === undefined ? 0 : (categories.get(cat) ?? 0) / known;
        return (
          w.ctr * Math.log(ctr) +
          w.clicks * Math.log1p(cl) +
          w.freshness * Math.exp(-age / (w.freshTauHours * hourMs)) +
          w.coClick * Math.log1p(co) +
          w.category * affinity +
          w.shown * Math.log1p(recentShown.get(c, t)) +
          w.historyPopularity * Math.log1p(inHistories.get(c) ?? 0)
        );
      });
    },
    observe(impression) {
      const t = impression.time;
      const history = impression.history.slice(-50);
      if (!seenUsers.has(impression.userId)) {
        seenUsers.add(impression.userId);
        for (const h of new Set(impression.history)) inHistories.set(h, (inHistories.get(h) ?? 0) + 1);
      }
      impression.candidates.forEach((c, i) => {
        if (!firstSeen.has(c)) firstSeen.set(c, t);
        shown.add(c, t);
        recentShown.add(c, t);
        totalShown++;
        if (impression.labels[i] !== 1) return;
        clicks.add(c, t);
        totalClicks++;
        for (const h of history) {
          let row = coClicks.get(h);
          if (!row) {
            row = new Map();
            coClicks.set(h, row);
          }
          row.set(c, (row.get(c) ?? 0) + 1);
          historyCount.set(h, (historyCount.get(h) ?? 0) + 1);
        }
      });
    },
  };
}
