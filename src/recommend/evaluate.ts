import { createMetricAverager, type MetricSet, ranksOf, scoreImpression } from './metrics.js';
import type { MindDataset, MindImpression } from './mind-format.js';
import { createCtrRanker, createLedeRanker, createRandomRanker, type ReplayRanker } from './replay-ranker.js';

export interface RecommendEvaluation {
  lede: MetricSet;
  random: MetricSet;
  popularity: MetricSet;
  /** Impressions scored (those with at least one click and one non-click). */
  impressions: number;
  /** Impressions skipped: no labels, or all clicked / none clicked (AUC is undefined). */
  skipped: number;
}

const round = (m: MetricSet): MetricSet => ({
  auc: Number(m.auc.toFixed(4)),
  mrr: Number(m.mrr.toFixed(4)),
  ndcg5: Number(m.ndcg5.toFixed(4)),
  ndcg10: Number(m.ndcg10.toFixed(4)),
});

/** Impressions in time order; equal times keep the file's order. */
export function inTimeOrder(impressions: readonly MindImpression[]): MindImpression[] {
  return impressions
    .map((imp, i) => ({ imp, i }))
    .sort((a, b) => a.imp.time - b.imp.time || a.i - b.i)
    .map((x) => x.imp);
}

/**
 * Replays the log strictly in time order: every impression is scored by each ranker knowing
 * only impressions of earlier times (impressions at the same second are all scored before
 * any of them is learnt from), then its labels are revealed. `onRanking` gets Lede's
 * ranking of each impression (1-based ranks in logged order) for the submission file.
 */
export function evaluateRecommend(
  dataset: MindDataset,
  options: { onRanking?: (impressionId: string, ranks: number[]) => void; rankers?: { lede?: ReplayRanker } } = {},
): RecommendEvaluation {
  const rankers = {
    lede: options.rankers?.lede ?? createLedeRanker({ news: dataset.news }),
    random: createRandomRanker(),
    popularity: createCtrRanker(),
  };
  const averages = { lede: createMetricAverager(), random: createMetricAverager(), popularity: createMetricAverager() };
  const ordered = inTimeOrder(dataset.impressions);
  let skipped = 0;
  for (let start = 0; start < ordered.length; ) {
    let end = start;
    while (end < ordered.length && (ordered[end] as MindImpression).time === (ordered[start] as MindImpression).time) end++;
    const batch = ordered.slice(start, end);
    for (const imp of batch) {
      const ledeRanks = ranksOf(rankers.lede.score(imp));
      options.onRanking?.(imp.id, ledeRanks);
      const clicks = imp.labels.filter((l) => l === 1).length;
      const isScorable = imp.labels.every((l) => l !== undefined) && clicks > 0 && clicks < imp.labels.length;
      if (!isScorable) {
        skipped++;
        continue;
      }
      const labels = imp.labels as number[];
      averages.lede.add(scoreImpression(labels, ledeRanks));
      averages.random.add(scoreImpression(labels, ranksOf(rankers.random.score(imp))));
      averages.popularity.add(scoreImpression(labels, ranksOf(rankers.popularity.score(imp))));
    }
    for (const imp of batch) {
      rankers.lede.observe(imp);
      rankers.random.observe(imp);
      rankers.popularity.observe(imp);
    }
    start = end;
  }
  const lede = averages.lede.result();
  return {
    lede: round(lede),
    random: round(averages.random.result()),
    popularity: round(averages.popularity.result()),
    impressions: lede.impressions,
    skipped,
  };
}
