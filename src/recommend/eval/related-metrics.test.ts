import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanPrecision, precisionAt, sameTopicSet, sharesTopic } from './related-metrics.js';

describe('related metrics', () => {
  it('computes precision at k, counting empty places as misses', () => {
    assert.equal(precisionAt([true, false, true, true, false, true], 5), 0.6);
    assert.equal(precisionAt([true, true], 5), 0.4);
    assert.equal(precisionAt([], 10), 0);
  });

  it('tells sharing a topic from having the same topic set', () => {
    assert.equal(sharesTopic(['grain', 'wheat'], ['wheat']), true);
    assert.equal(sharesTopic(['grain'], ['crude']), false);
    assert.equal(sameTopicSet(['grain', 'wheat'], ['wheat', 'grain']), true);
    assert.equal(sameTopicSet(['grain', 'wheat'], ['wheat']), false);
    assert.equal(sameTopicSet(['grain', 'grain'], ['grain']), true);
  });

  it('averages over queries by hand-computed values', () => {
    const scores = meanPrecision([
      // Query 1: places 1, 2 and 7 share a topic; only place 1 has the same set.
      { topics: ['a', 'b'], ranked: [['a', 'b'], ['a'], ['c'], ['c'], ['c'], ['c'], ['b'], ['c'], ['c'], ['c']] },
      // Query 2: all ten share its topic and have its set.
      { topics: ['c'], ranked: Array.from({ length: 10 }, () => ['c']) },
    ]);
    assert.deepEqual(scores, { p5: (2 / 5 + 1) / 2, p10: (3 / 10 + 1) / 2, p5_sameset: (1 / 5 + 1) / 2, p10_sameset: (1 / 10 + 1) / 2 });
  });
});
