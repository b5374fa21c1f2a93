import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventForTransition, storyStateAt } from './lifecycle.js';

const now = new Date('2026-01-10T12:00:00Z');

describe('storyStateAt', () => {
  it('publishes a usable story', () => {
    assert.equal(storyStateAt({ pubstatus: 'usable' }, now), 'published');
  });

  it('takes a canceled story down for good', () => {
    assert.equal(storyStateAt({ pubstatus: 'canceled', embargoed: '2026-01-11T00:00:00Z' }, now), 'killed');
  });

  it('hides a withheld story', () => {
    assert.equal(storyStateAt({ pubstatus: 'withheld' }, now), 'withheld');
  });

  it('hides a story until its embargo time, then publishes it', () => {
    const input = { pubstatus: 'usable' as const, embargoed: '2026-01-10T18:00:00Z' };
    assert.equal(storyStateAt(input, now), 'embargoed');
    assert.equal(storyStateAt(input, new Date('2026-01-10T18:00:00Z')), 'published');
  });

  it('withdraws a story when it expires', () => {
    assert.equal(storyStateAt({ pubstatus: 'usable', expires: '2026-01-10T11:59:59Z' }, now), 'expired');
  });

  it('holds a story for an editor when the source asks for review', () => {
    assert.equal(storyStateAt({ pubstatus: 'usable', isHeld: true }, now), 'held');
  });
});

describe('eventForTransition', () => {
  it('names each change the surfaces must follow', () => {
    assert.equal(eventForTransition(undefined, 'published'), 'publish');
    assert.equal(eventForTransition('embargoed', 'published'), 'publish');
    assert.equal(eventForTransition('published', 'published'), 'update');
    assert.equal(eventForTransition('published', 'killed'), 'kill');
    assert.equal(eventForTransition(undefined, 'killed'), 'kill');
    assert.equal(eventForTransition('published', 'withheld'), 'withhold');
    assert.equal(eventForTransition(undefined, 'embargoed'), 'store');
  });
});
