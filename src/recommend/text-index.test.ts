import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { termCounts } from './term-counts.js';
import { createTextIndex, selectTop } from './text-index.js';
import { tokenize } from './tokenize.js';

const stories: Record<string, { headline: string; body: string }> = {
  dam: {
    headline: 'Farmers protest new dam on the river',
    body: 'Farmers marched against the dam, saying the river water feeds their fields and the dam will dry them.',
  },
  dam2: {
    headline: 'Dam talks resume as river runs low',
    body: 'Ministers resumed talks on the dam and on sharing the river water with farmers downstream.',
  },
  cup: { headline: 'Underdogs win the cup final', body: 'The club won the cup final with a late goal, their first trophy in forty years.' },
  cup2: {
    headline: 'Cup winners parade through the city',
    body: 'Thousands lined the streets as the cup winners paraded the trophy through the city.',
  },
  vaccine: {
    headline: 'Malaria vaccine cuts severe cases',
    body: 'A malaria vaccine trial in children cut severe cases sharply, researchers said.',
  },
};

function indexOf(ids = Object.keys(stories)) {
  const index = createTextIndex();
  for (const id of ids) index.add(id, termCounts(stories[id]!));
  return index;
}

const similar = (index: ReturnType<typeof createTextIndex>, id: string, limit = 3) =>
  index.search(index.queryOf(id)!, { limit, skip: (other) => other === id }).map((hit) => hit.id);

describe('tokenize', () => {
  it('lower-cases, folds accents, drops stop words and stems English words', () => {
    assert.deepEqual(tokenize("The Rescuers rescued Chile's miners at the Café"), ['rescuer', 'rescu', 'chile', 'miner', 'cafe']);
  });

  it('keeps years, drops other figures and joins abbreviations', () => {
    assert.deepEqual(tokenize('In 1987 the U.S. sold 4,500 tonnes'), ['1987', 'us', 'sold', 'tonn']);
  });

  it('leaves other languages unstemmed and splits unspaced scripts into character pairs', () => {
    assert.deepEqual(tokenize('Skærholm velger', { language: 'nb' }), ['skærholm', 'velger']);
    assert.deepEqual(tokenize('東京都庁', { language: 'ja' }), ['東京', '京都', '都庁']);
  });
});

describe('createTextIndex', () => {
  it('ranks the story on the same subject first', () => {
    const index = indexOf();
    assert.equal(similar(index, 'dam')[0], 'dam2');
    assert.equal(similar(index, 'cup2')[0], 'cup');
    assert.deepEqual(similar(index, 'vaccine'), []);
  });

  it('forgets a removed story and reuses nothing of it', () => {
    const index = indexOf();
    assert.equal(index.remove('dam2'), true);
    assert.equal(index.remove('dam2'), false);
    assert.equal(index.size, 4);
    assert.ok(!similar(index, 'dam').includes('dam2'));
    // Many removals compact the postings; what is left still ranks the same.
    for (let i = 0; i < 200; i++)
      index.add(`filler-${i}`, termCounts({ headline: `Filler ${i} weather`, body: 'Sunny weather all week.' }));
    for (let i = 0; i < 200; i++) index.remove(`filler-${i}`);
    index.add('dam2', termCounts(stories.dam2!));
    assert.equal(similar(index, 'dam')[0], 'dam2');
    assert.equal(similar(index, 'cup')[0], 'cup2');
  });

  it('replaces a story added again under the same id', () => {
    const index = indexOf();
    index.add('vaccine', termCounts({ headline: 'Cup final tickets sold out', body: 'The cup final sold out in an hour.' }));
    assert.equal(index.size, 5);
    assert.ok(similar(index, 'vaccine').includes('cup'));
  });

  it('keeps at most maxTermsPerDoc terms per story, the rarest first', () => {
    const index = createTextIndex({ maxTermsPerDoc: 3 });
    index.add('common', termCounts({ headline: 'alpha', body: 'alpha beta' }));
    index.add('long', termCounts({ headline: 'alpha', body: 'beta gamma delta epsilon zeta' }));
    assert.equal(index.queryOf('long')!.terms.length, 3);
  });

  it('gives a cosine of 1 for the same text and 0 for unrelated ones', () => {
    const index = indexOf();
    index.add('dam-copy', termCounts(stories.dam!));
    assert.ok(Math.abs(index.cosine('dam', 'dam-copy') - 1) < 1e-9);
    assert.equal(index.cosine('dam', 'vaccine'), 0);
    assert.equal(index.cosine('dam', 'unknown'), 0);
  });
});

describe('createTextIndex: a time window', () => {
  const words = ['dam', 'river', 'farmer', 'water', 'cup', 'goal', 'trophy', 'vote', 'tax', 'budget', 'mine', 'copper'];
  /** Story i at hour i (ms), its words picked by a fixed rule so every order adds the same stories. */
  const counts = (i: number) =>
    termCounts({ headline: `${words[i % 12]} ${words[(i * 7) % 12]}`, body: words.filter((_, k) => (i >> (k % 5)) & 1).join(' ') });
  const hour = 3_600_000;
  const orders = {
    'oldest first': (n: number) => Array.from({ length: n }, (_, i) => i),
    'newest first': (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i),
    shuffled: (n: number) => Array.from({ length: n }, (_, i) => (i * 37) % n),
  };

  it('finds in a window exactly what a filter on the whole index finds, whatever order stories came in', () => {
    for (const [name, order] of Object.entries(orders)) {
      const index = createTextIndex();
      for (const i of order(101)) index.add(`s${i}`, counts(i), i * hour);
      // Removed and added again (another slot, the same place in time), so compaction runs too.
      for (let i = 0; i < 101; i += 3) index.remove(`s${i}`);
      for (let i = 0; i < 101; i += 6) index.add(`s${i}`, counts(i), i * hour);
      for (const probe of [0, 17, 50, 100]) {
        const query = index.queryOf(`s${probe}`) ?? index.queryOf('s1')!;
        const within = { from: (probe - 10) * hour, to: (probe + 10) * hour };
        const inWindow = (id: string) => Math.abs(Number(id.slice(1)) - probe) <= 10;
        const filtered = index.search(query, { limit: 8, skip: (id) => !inWindow(id) });
        assert.deepEqual(index.search(query, { limit: 8, within }), filtered, `${name}, probe ${probe}`);
      }
    }
  });

  it("walks only the window's postings: the same work in an index five times the size", () => {
    const walked = (n: number) => {
      const index = createTextIndex();
      for (const i of orders['newest first'](n)) index.add(`s${i}`, counts(i), i * hour);
      const before = index.postingsWalked;
      index.search(index.queryOf('s40')!, { limit: 10, within: { from: 30 * hour, to: 50 * hour } });
      return index.postingsWalked - before;
    };
    const small = walked(100);
    assert.ok(small > 0 && small <= 21 * 12, `at most 21 stories × their terms, walked ${small}`);
    assert.equal(walked(500), small);
  });
});

describe('selectTop', () => {
  it('returns the best scores in order, ties by id, from a long list too', () => {
    const hits = Array.from({ length: 100 }, (_, i) => ({ id: `s${String(i).padStart(3, '0')}`, score: i % 10 }));
    assert.deepEqual(
      selectTop(hits, 3).map((h) => h.id),
      ['s009', 's019', 's029'],
    );
  });
});
