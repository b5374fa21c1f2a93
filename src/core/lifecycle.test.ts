import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agencyVersionEffect, eventForTransition, firstPublishedAt, storyStateAt } from './lifecycle.js';

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

describe('firstPublishedAt', () => {
  const base = { state: 'published' as const, now };

  it('keeps a first publication once set', () => {
    assert.equal(
      firstPublishedAt({ ...base, storedPublishedAt: '2026-01-01T00:00:00Z', firstcreated: '2026-01-09T00:00:00Z' }),
      '2026-01-01T00:00:00Z',
    );
  });

  it('dates a story going live from its creation, or from its embargo when later, never in the future', () => {
    assert.equal(firstPublishedAt({ ...base, firstcreated: '2026-01-10T08:00:00Z' }), '2026-01-10T08:00:00.000Z');
    assert.equal(
      firstPublishedAt({ ...base, firstcreated: '2026-01-10T08:00:00Z', embargoed: '2026-01-10T11:00:00Z' }),
      '2026-01-10T11:00:00.000Z',
    );
    assert.equal(firstPublishedAt({ ...base, firstcreated: '2026-01-11T08:00:00Z' }), now.toISOString());
  });

  it('gives none to a story that is not live', () => {
    assert.equal(firstPublishedAt({ state: 'embargoed', now, firstcreated: '2026-01-10T08:00:00Z' }), undefined);
  });
});

describe('agencyVersionEffect', () => {
  it('keeps an editor change against agency updates and withholds, but not against a kill', () => {
    assert.equal(agencyVersionEffect({ isEditorEdited: true, pubstatus: 'usable' }), 'keep-editor-copy');
    assert.equal(agencyVersionEffect({ isEditorEdited: true, pubstatus: 'withheld' }), 'keep-editor-copy');
    assert.equal(agencyVersionEffect({ isEditorEdited: true, pubstatus: 'canceled' }), 'replace');
    assert.equal(agencyVersionEffect({ isEditorEdited: false, pubstatus: 'usable' }), 'replace');
  });
});
