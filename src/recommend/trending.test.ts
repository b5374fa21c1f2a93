import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeTrending } from './trending.js';

describe('computeTrending', () => {
  const now = new Date('2026-01-10T12:30:00Z');

  it('halves the weight of views every six hours', () => {
    const t = computeTrending(
      [
        { storyId: 'fresh', hour: '2026-01-10T12', count: 10 },
        { storyId: 'old', hour: '2026-01-10T06', count: 10 },
      ],
      now,
    );
    assert.equal(t.scores.get('fresh'), 10);
    assert.equal(t.scores.get('old'), 5);
    assert.deepEqual(t.order, ['fresh', 'old']);
  });

  it('lets fewer recent views beat many old ones, and ranks each section apart', () => {
    const t = computeTrending(
      [
        { storyId: 'a', hour: '2026-01-09T12', count: 100, section: 'world' },
        { storyId: 'b', hour: '2026-01-10T11', count: 30, section: 'world' },
        { storyId: 'c', hour: '2026-01-10T12', count: 5, section: 'sport' },
      ],
      now,
    );
    assert.deepEqual(t.order, ['b', 'a', 'c']);
    assert.deepEqual(t.bySection.get('world'), ['b', 'a']);
    assert.deepEqual(t.bySection.get('sport'), ['c']);
  });
});
