import { createDecayedCounters } from './decayed-counter.js';
import type { MindImpression, MindNews } from './mind-format.js';
import { createPairwiseLearner } from './pairwise-learner.js';
import { createReaderContent } from './reader-content.js';

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

/**
 * The prior weights of Lede's ranker: a pairwise logistic regression (clicked minus not clicked
 * in the same impression) fitted once on the first three days (9–11 November 2019) of the
 * MIND-small sample named in bench/RESULTS.md. A replay starts from them and keeps learning
 * from each impression once it has been scored (`createPairwiseLearner`), so on any other log
 * they are only where the learning starts.
 */
export const ledeWeights = {
  /** log of the smoothed CTR over clicks and impressions decayed with τ = 1 h and τ = 12 h. */
  ctrHour: 0.27,
  ctrHalfDay: 0.53,
  /** log(1 + decayed impressions), τ = 1 h and 12 h: what the site shows now, beyond its CTR. */
  shownHour: -0.13,
  shownHalfDay: 0.05,
  /** exp(−age/6 h) and log(1 + age in hours), age since the candidate was first shown. */
  fresh: 0.24,
  logAge: -0.046,
  /** log(1 + co-clicks): readers with the reader's history items clicked the candidate. */
  coClick: 0.24,
  /** The reader's share of clicks in the candidate's category (when news.tsv says). */
  category: 0.23,
  /**
   * The same in its subcategory, and the cosine of the candidate's TF-IDF vector (title,
   * abstract, entities) to the sum of the clicked stories' (reader-content.ts). Not fitted: no
   * public sample at hand has text for more than 4 % of its candidates, so these are set by hand
   * (a strong affinity worth about a CTR twice the mean) and left to the online learner.
   */
  subcategory: 0.3,
  text: 1,
  /** log(1 + readers whose history held the candidate). */
  historyPopularity: 0.17,
  /** The candidate is in the reader's own history. */
  read: 0.17,
};
export type LedeRankerWeights = typeof ledeWeights;
/** The order of the feature vector `createLedeRanker` builds for each candidate. */
const featureOrder: ReadonlyArray<keyof LedeRankerWeights> = [
  'ctrHour',
  'ctrHalfDay',
  'shownHour',
  'shownHalfDay',
  'fresh',
  'logAge',
  'coClick',
  'category',
  'subcategory',
  'text',
  'historyPopularity',
  'read',
];

/**
 * CTR prior strength: as many impressions at the mean CTR as hold `priorClicks` clicks (25 at
 * MIND's 4 %), so a first click weighs the same whatever the site's CTR. Then the decay
 * constants, and the learning rate of the online weights (AdaGrad's base step).
 */
const priorClicks = 1;
const shortTau = 1 * hourMs;
const longTau = 12 * hourMs;
const freshTau = 6 * hourMs;
const learningRate = 0.01;
/** The reader's clicks seen in the log, added to the history `behaviors.tsv` gives: the newest count. */
const maxReplayClicks = 50;

/**
 * Lede's ranker on a click log: recency-weighted popularity and smoothed CTR from earlier
 * impressions, freshness of the candidate, co-clicks with the reader's history, and the
 * reader's category, subcategory and word affinity (over the logged history plus the reader's
 * clicks earlier in the log), weighted by an online pairwise logistic regression that starts
 * from `weights` and learns from each impression after it is scored, never before. Works with
 * no news text at all (then the content terms are 0 and their weights stay where they started).
 */
export function createLedeRanker(input: {
  news: Map<string, MindNews>;
  weights?: LedeRankerWeights;
  learningRate?: number;
}): ReplayRanker & { readonly weights: LedeRankerWeights } {
  const prior = input.weights ?? ledeWeights;
  const learner = createPairwiseLearner(
    featureOrder.map((name) => prior[name]),
    input.learningRate ?? learningRate,
  );
  const clicks = [createDecayedCounters<string>(shortTau), createDecayedCounters<string>(longTau)] as const;
  const shown = [createDecayedCounters<string>(shortTau), createDecayedCounters<string>(longTau)] as const;
  const firstSeen = new Map<string, number>();
  /** history item → candidate clicked by a reader who had it in their history → count. */
  const coClicks = new Map<string, Map<string, number>>();
  const historyCount = new Map<string, number>();
  const inHistories = new Map<string, number>();
  const seenUsers = new Set<string>();
  /** The features each impression was scored with, learnt from once its labels are revealed. */
  const scored = new WeakMap<MindImpression, number[][]>();
  let totalClicks = 0;
  let totalShown = 0;
  const content = createReaderContent(input.news);
  /** user → news they clicked in earlier impressions of this log (MIND's history stops before it). */
  const replayClicks = new Map<string, string[]>();

  const features = (impression: MindImpression): number[][] => {
    const t = impression.time;
    const mean = totalShown === 0 || totalClicks === 0 ? 0.04 : totalClicks / totalShown;
    const smoothing = priorClicks / mean;
    const clickedHere = replayClicks.get(impression.userId) ?? [];
    const history = impression.history.slice(-50);
    const affinity = content.affinities([...history, ...clickedHere], impression.candidates);
    const read = new Set(impression.history);
    return impression.candidates.map((c, i) => {
      const [clHour, clDay] = [clicks[0].get(c, t), clicks[1].get(c, t)];
      const [shHour, shDay] = [shown[0].get(c, t), shown[1].get(c, t)];
      const seen = firstSeen.get(c);
      const age = seen === undefined ? 0 : t - seen;
      let co = 0;
      for (const h of history) {
        const n = coClicks.get(h)?.get(c);
        if (n) co += n / Math.sqrt(historyCount.get(h) ?? 1);
      }
      const { category, subcategory, text } = affinity[i] as (typeof affinity)[number];
      // In `featureOrder`.
      return [
        Math.log((clHour + smoothing * mean) / (shHour + smoothing)),
        Math.log((clDay + smoothing * mean) / (shDay + smoothing)),
        Math.log1p(shHour),
        Math.log1p(shDay),
        Math.exp(-age / freshTau),
        Math.log1p(age / hourMs),
        Math.log1p(co),
        category,
        subcategory,
        text,
        Math.log1p(inHistories.get(c) ?? 0),
        read.has(c) ? 1 : 0,
      ];
    });
  };

  const count = (impression: MindImpression) => {
    const t = impression.time;
    const history = impression.history.slice(-50);
    if (!seenUsers.has(impression.userId)) {
      seenUsers.add(impression.userId);
      for (const h of new Set(impression.history)) inHistories.set(h, (inHistories.get(h) ?? 0) + 1);
    }
    impression.candidates.forEach((c, i) => {
      if (!firstSeen.has(c)) firstSeen.set(c, t);
      for (const counter of shown) counter.add(c, t);
      totalShown++;
      if (impression.labels[i] !== 1) return;
      for (const counter of clicks) counter.add(c, t);
      totalClicks++;
      const mine = replayClicks.get(impression.userId) ?? [];
      mine.push(c);
      if (mine.length > maxReplayClicks) mine.shift();
      replayClicks.set(impression.userId, mine);
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
  };

  return {
    get weights() {
      return Object.fromEntries(featureOrder.map((name, i) => [name, learner.weights[i]])) as LedeRankerWeights;
    },
    score(impression) {
      const x = features(impression);
      scored.set(impression, x);
      return x.map(learner.score);
    },
    observe(impression) {
      learner.learn(scored.get(impression) ?? features(impression), impression.labels);
      count(impression);
    },
  };
}
