/** Precision at `k`: the share of the first `k` places holding a relevant story (an empty place counts as not relevant). */
export function precisionAt(relevant: readonly boolean[], k: number): number {
  let hits = 0;
  for (let i = 0; i < k && i < relevant.length; i++) if (relevant[i]) hits++;
  return hits / k;
}

/** Relevant in the loose sense: the two stories share at least one topic. */
export function sharesTopic(a: readonly string[], b: readonly string[]): boolean {
  return a.some((topic) => b.includes(topic));
}

/** Relevant in the strict sense: the two stories have exactly the same set of topics. */
export function sameTopicSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((topic) => right.has(topic));
}

export interface RelatedScores {
  p5: number;
  p10: number;
  p5_sameset: number;
  p10_sameset: number;
}

/** Mean precision over queries, each given as its topics and the topics of its ranked results. */
export function meanPrecision(runs: ReadonlyArray<{ topics: readonly string[]; ranked: ReadonlyArray<readonly string[]> }>): RelatedScores {
  const sums = { p5: 0, p10: 0, p5_sameset: 0, p10_sameset: 0 };
  for (const run of runs) {
    const shares = run.ranked.map((topics) => sharesTopic(run.topics, topics));
    const same = run.ranked.map((topics) => sameTopicSet(run.topics, topics));
    sums.p5 += precisionAt(shares, 5);
    sums.p10 += precisionAt(shares, 10);
    sums.p5_sameset += precisionAt(same, 5);
    sums.p10_sameset += precisionAt(same, 10);
  }
  const n = Math.max(1, runs.length);
  return { p5: sums.p5 / n, p10: sums.p10 / n, p5_sameset: sums.p5_sameset / n, p10_sameset: sums.p10_sameset / n };
}
