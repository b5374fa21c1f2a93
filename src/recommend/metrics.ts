/**
 * The MIND benchmark's metrics, computed as its scorer (evaluate.py) does: a ranking becomes
 * scores 1/rank, then AUC is sklearn's roc_auc_score, MRR sums label/position over the
 * clicks, nDCG@k uses gains 2^label − 1 and log2(position + 1) discounts; each metric is
 * averaged over impressions.
 */

/** 1-based ranks of `scores` (highest first); ties keep the logged order, as a stable sort would. */
export function ranksOf(scores: readonly number[]): number[] {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const ranks = new Array<number>(scores.length);
  order.forEach((index, position) => {
    ranks[index] = position + 1;
  });
  return ranks;
}

/** Area under the ROC curve with tied scores given their average rank (Mann–Whitney U). */
export function auc(labels: readonly number[], scores: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const rank = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    for (let k = i; k <= j; k++) rank[order[k] as number] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  labels.forEach((label, i) => {
    if (label === 1) {
      positives++;
      rankSum += rank[i] as number;
    }
  });
  const negatives = labels.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function orderedLabels(labels: readonly number[], scores: readonly number[]): number[] {
  // evaluate.py: np.argsort(y_score)[::-1]; scores 1/rank are distinct, so the order is the ranking.
  return scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => labels[x.i] as number);
}

export function mrr(labels: readonly number[], scores: readonly number[]): number {
  const ordered = orderedLabels(labels, scores);
  const clicks = ordered.reduce((sum, l) => sum + l, 0);
  return ordered.reduce((sum, l, i) => sum + l / (i + 1), 0) / clicks;
}

function dcg(ordered: readonly number[], k: number): number {
  return ordered.slice(0, k).reduce((sum, l, i) => sum + (2 ** l - 1) / Math.log2(i + 2), 0);
}

export function ndcg(labels: readonly number[], scores: readonly number[], k: number): number {
  const ideal = [...labels].sort((a, b) => b - a);
  return dcg(orderedLabels(labels, scores), k) / dcg(ideal, k);
}

export interface MetricSet {
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
}

/** The four metrics of one impression from a ranking (1-based ranks in logged order). */
export function scoreImpression(labels: readonly number[], ranks: readonly number[]): MetricSet {
  const scores = ranks.map((r) => 1 / r);
  return { auc: auc(labels, scores), mrr: mrr(labels, scores), ndcg5: ndcg(labels, scores, 5), ndcg10: ndcg(labels, scores, 10) };
}

/** Running per-impression averages. */
export function createMetricAverager(): { add(m: MetricSet): void; result(): MetricSet & { impressions: number } } {
  const sum: MetricSet = { auc: 0, mrr: 0, ndcg5: 0, ndcg10: 0 };
  let count = 0;
  return {
    add(m) {
      sum.auc += m.auc;
      sum.mrr += m.mrr;
      sum.ndcg5 += m.ndcg5;
      sum.ndcg10 += m.ndcg10;
      count++;
    },
    result() {
      const avg = (v: number) => (count === 0 ? 0 : v / count);
      return { auc: avg(sum.auc), mrr: avg(sum.mrr), ndcg5: avg(sum.ndcg5), ndcg10: avg(sum.ndcg10), impressions: count };
    },
  };
}
