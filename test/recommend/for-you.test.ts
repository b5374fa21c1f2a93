import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Story } from '../../src/core/story.js';
import { createForYouRanker, type ReaderSignals } from '../../src/recommend/for-you.js';
import { createRelatedIndex } from '../../src/recommend/related.js';
import { createContentIndex } from '../../src/recommend/story-index.js';
import { makeStory } from '../helpers/stories.js';

const noSignals: ReaderSignals = { trending: new Map(), trendingOrder: [], coVisits: new Map() };
const hour = (h: number) => new Date(Date.UTC(2026, 0, 10, h)).toISOString();

/** Three copies of one flood story (agencies, a later version), other world stories, and what the reader read. */
function stories(): Story[] {
  const flood =
    'Rivers burst their banks across the northern valley overnight, forcing thousands of residents from their homes as emergency crews built sandbag walls around the old town and the regional governor asked the army for boats, pumps and helicopters.';
  const copies = ['flood-a', 'flood-b', 'flood-c'].map((id, i) =>
    makeStory({
      id,
      section: 'world',
      tags: ['subject:floods'],
      headline: 'Floods force thousands from homes in northern valley',
      bodyHtml: `<p>${flood}</p>${i === 2 ? '<p>Officials said more rain was expected.</p>' : ''}`,
      publishedAt: hour(8 + i),
    }),
  );
  const others = ['storm warning issued for coast', 'valley rivers rising after rain', 'emergency crews rescue residents'].map(
    (headline, i) =>
      makeStory({
        id: `world-${i}`,
        section: 'world',
        headline,
        bodyHtml: `<p>${headline} as the regional governor asked for help from the army and residents left homes.</p>`,
        publishedAt: hour(5 + i),
      }),
  );
  const read = ['read-1', 'read-2', 'read-3'].map((id, i) =>
    makeStory({
      id,
      section: 'world',
      headline: `Rivers flood valley homes, residents flee ${i}`,
      bodyHtml: `<p>Floods and rivers: residents of the northern valley left their homes; emergency crews and the army helped ${i}.</p>`,
      publishedAt: hour(1 + i),
    }),
  );
  return [...copies, ...others, ...read];
}

describe('Recommended for you and story clusters', () => {
  it('shows one story per cluster: copies of one story from several agencies take one place', async () => {
    const all = stories();
    const content = createContentIndex();
    await content.load(all);
    const related = createRelatedIndex();
    for (const s of all) related.upsert(s);
    assert.equal(related.clusterOf('flood-b'), related.clusterOf('flood-a'), 'the fixture is one cluster');
    const rank = createForYouRanker(content);
    const input = { signals: noSignals, history: ['read-3', 'read-2', 'read-1'], now: new Date(hour(12)), limit: 5 };

    const unfolded = rank(input).map((s) => s.id);
    assert.ok(unfolded.filter((id) => id.startsWith('flood-')).length >= 2, `without clusters the copies repeat: ${unfolded}`);

    const folded = rank({ ...input, clusterOf: (id) => related.clusterOf(id) }).map((s) => s.id);
    assert.equal(folded.filter((id) => id.startsWith('flood-')).length, 1, folded.join());
    assert.equal(new Set(folded.map((id) => related.clusterOf(id))).size, folded.length);
    assert.ok(folded.every((id) => !id.startsWith('read-')));
    assert.equal(folded.length, 4, 'the other stories fill the list');
  });
});
