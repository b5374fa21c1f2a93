import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMindBehaviors } from './mind-format.js';
import { createPairwiseLearner } from './pairwise-learner.js';
import { createLedeRanker, ledeWeights } from './replay-ranker.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);

describe('pairwise learner', () => {
  it('takes one AdaGrad step on the pairwise logistic loss, computed by hand', () => {
    const learner = createPairwiseLearner([0, 0], 0.1);
    // Clicked [1,0], skipped [0,1]: margin 0, pull σ(0) = 0.5, gradient [−0.5, 0.5];
    // squared sum 0.01 + 0.25, step 0.1 · 0.5 / √0.26 = 0.0980581.
    learner.learn(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 0],
    );
    close(learner.weights[0] as number, (0.1 * 0.5) / Math.sqrt(0.26));
    close(learner.weights[1] as number, (-0.1 * 0.5) / Math.sqrt(0.26));
    close(learner.score([2, 1]), (0.1 * 0.5) / Math.sqrt(0.26));
  });

  it('averages over the pairs and learns nothing from an impression without a click and a skip', () => {
    const learner = createPairwiseLearner([1, 0], 0.1);
    learner.learn(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1],
    );
    learner.learn(
      [
        [1, 0],
        [0, 1],
      ],
      [0, undefined],
    );
    assert.deepEqual(learner.weights, [1, 0]);
    // Two clicks on [0,1] and [0,2] against one skip [1,0]: margins −1 and −1 (w = [1,0]).
    learner.learn(
      [
        [0, 1],
        [0, 2],
        [1, 0],
      ],
      [1, 1, 0],
    );
    const pull = 1 / (1 + Math.exp(-1));
    // Per pair −pull · (x_pos − x_neg): [pull, −pull] and [pull, −2 pull], averaged.
    const [g0, g1] = [pull, (-pull * 1 - pull * 2) / 2];
    close(learner.weights[0] as number, 1 - (0.1 * g0) / Math.sqrt(0.01 + g0 ** 2));
    close(learner.weights[1] as number, -(0.1 * g1) / Math.sqrt(0.01 + g1 ** 2));
  });

  it('moves a weight the prior has wrong until the clicked candidate ranks first', () => {
    // The first feature is what readers click; the prior believes the second.
    const learner = createPairwiseLearner([0, 1], 0.5);
    const impression = [
      [1, 0],
      [0, 1],
    ];
    assert.ok(learner.score(impression[0] as number[]) < learner.score(impression[1] as number[]));
    for (let i = 0; i < 20; i++) learner.learn(impression, [1, 0]);
    assert.ok(learner.score(impression[0] as number[]) > learner.score(impression[1] as number[]));
  });
});

describe('Lede replay ranker', () => {
  const at = (minute: number) => `11/11/2019 8:${String(minute).padStart(2, '0')}:00 AM`;

  it('learns its weights only from impressions it has been shown, after scoring them', () => {
    const ranker = createLedeRanker({ news: new Map() });
    assert.deepEqual(ranker.weights, ledeWeights);
    const [first, second, third] = parseMindBehaviors(
      `1\tU1\t${at(0)}\t\tN1-1 N2-0\n2\tU2\t${at(5)}\t\tN2-0 N1-1\n3\tU3\t${at(10)}\t\tN2-0 N1-0 N3-1\n`,
    );
    if (!first || !second || !third) throw new Error('three impressions');
    const before = ranker.score(third);
    assert.deepEqual(ranker.score(third), before, 'scoring learns nothing');
    ranker.score(first);
    ranker.observe(first);
    // Nothing told N1 and N2 apart when the first impression was scored: no step.
    assert.deepEqual(ranker.weights, ledeWeights);
    ranker.score(second);
    ranker.observe(second);
    // N1's earlier click set it apart, and it was clicked again: the CTR weights grow.
    assert.ok(ranker.weights.ctrHalfDay > ledeWeights.ctrHalfDay);
    assert.ok(ranker.weights.ctrHour > ledeWeights.ctrHour);
    const [n2, n1] = ranker.score(third) as [number, number];
    assert.ok(n1 > n2);
  });

  it('with a zero learning rate keeps the prior weights', () => {
    const ranker = createLedeRanker({ news: new Map(), learningRate: 0 });
    for (const imp of parseMindBehaviors(`1\tU1\t${at(0)}\t\tN1-1 N2-0\n2\tU2\t${at(5)}\t\tN2-1 N1-0\n`)) {
      ranker.score(imp);
      ranker.observe(imp);
    }
    assert.deepEqual(ranker.weights, ledeWeights);
  });
});
