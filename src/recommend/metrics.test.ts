import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auc, mrr, ndcg, ranksOf, scoreImpression } from './metrics.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-4, `${actual} ≠ ${expected}`);

describe('MIND metrics', () => {
  it('scores a click ranked second of three as the MIND scorer does', () => {
    // ranks [2,1,3] → scores [1/2, 1, 1/3]; the click beats one of two non-clicks.
    const m = scoreImpression([1, 0, 0], [2, 1, 3]);
    close(m.auc, 0.5);
    close(m.mrr, 0.5);
    close(m.ndcg5, 1 / Math.log2(3));
    close(m.ndcg10, 1 / Math.log2(3));
  });

  it('averages the reciprocal ranks of two clicks and discounts the second by log2(4)', () => {
    const m = scoreImpression([1, 0, 1, 0], [1, 2, 3, 4]);
    close(m.auc, 3 / 4);
    close(m.mrr, (1 + 1 / 3) / 2);
    close(m.ndcg5, 1.5 / (1 + 1 / Math.log2(3)));
  });

  it('cuts nDCG@5 at five positions but not nDCG@10', () => {
    const labels = [0, 0, 0, 0, 0, 1];
    const m = scoreImpression(labels, [1, 2, 3, 4, 5, 6]);
    close(m.ndcg5, 0);
    close(m.ndcg10, 1 / Math.log2(7));
    close(m.mrr, 1 / 6);
    close(m.auc, 0);
  });

  it('gives tied scores half a win in AUC', () => {
    close(auc([1, 0], [0.5, 0.5]), 0.5);
    close(auc([1, 0, 0], [0.9, 0.9, 0.1]), 0.75);
  });

  it('ranks highest score first and keeps the logged order among ties', () => {
    assert.deepEqual(ranksOf([0.1, 0.9, 0.5]), [3, 1, 2]);
    assert.deepEqual(ranksOf([1, 1, 1]), [1, 2, 3]);
  });

  it('scores a perfect ranking 1 in AUC and nDCG', () => {
    // MIND's MRR averages 1/position over the clicks, so two clicks at the top give (1 + 1/2)/2.
    close(mrr([0, 1, 1], [0.1, 0.9, 0.8]), 0.75);
    close(ndcg([0, 1, 1], [0.1, 0.9, 0.8], 5), 1);
    close(auc([0, 1, 1], [0.1, 0.9, 0.8]), 1);
  });
});
