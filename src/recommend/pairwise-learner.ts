/**
 * A linear ranker whose weights are learnt online from clicks: for every impression, each
 * clicked candidate should outscore each candidate shown with it and not clicked. The loss is
 * the pairwise logistic loss log(1 + exp(−(w·x_clicked − w·x_skipped))), averaged over the
 * impression's pairs, and each step is AdaGrad's (a weight that has moved a lot moves less).
 * Starting from prior weights, it adapts to the log it is replayed on, learning only from
 * impressions it has been given, never from the one it scores.
 */
export interface PairwiseLearner {
  readonly weights: readonly number[];
  score(features: readonly number[]): number;
  /** One impression: the features of its candidates and which were clicked (1) or not (0). */
  learn(features: readonly (readonly number[])[], labels: readonly (0 | 1 | undefined)[]): void;
}

export function createPairwiseLearner(prior: readonly number[], rate = 0.01): PairwiseLearner {
  const weights = [...prior];
  const squaredGradients = prior.map(() => 0.01);
  const score = (x: readonly number[]) => x.reduce((sum, v, i) => sum + v * (weights[i] as number), 0);
  return {
    weights,
    score,
    learn(features, labels) {
      const clicked = features.filter((_, i) => labels[i] === 1);
      const skipped = features.filter((_, i) => labels[i] === 0);
      if (clicked.length === 0 || skipped.length === 0) return;
      const gradient = prior.map(() => 0);
      const skippedScores = skipped.map(score);
      for (const pos of clicked) {
        const posScore = score(pos);
        skipped.forEach((neg, j) => {
          // d/dw log(1 + e^−m) = −σ(−m)·(x_pos − x_neg), m the margin.
          const pull = 1 / (1 + Math.exp(posScore - (skippedScores[j] as number)));
          for (let k = 0; k < gradient.length; k++) gradient[k] = (gradient[k] as number) - pull * ((pos[k] ?? 0) - (neg[k] ?? 0));
        });
      }
      const pairs = clicked.length * skipped.length;
      for (let k = 0; k < gradient.length; k++) {
        const g = (gradient[k] as number) / pairs;
        squaredGradients[k] = (squaredGradients[k] as number) + g * g;
        weights[k] = (weights[k] as number) - (rate * g) / Math.sqrt(squaredGradients[k] as number);
      }
    },
  };
}
