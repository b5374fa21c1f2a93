import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMindBehaviors, parseMindNews } from './mind-format.js';
import { createReaderContent, newsTerms } from './reader-content.js';
import { createLedeRanker } from './replay-ranker.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);

// Three stories: N1 and N2 share "alpha" and a section, N3 is elsewhere. N4 has no text.
const news = parseMindNews(
  ['N1\tnews\tnewsworld\tAlpha beta\t', 'N2\tnews\tnewsus\tAlpha gamma\t', 'N3\tsports\tnfl\tDelta\t', 'N4\t\t\t\t'].join('\n'),
);

// Title words count twice: tf 2 → 1 + ln 2. IDF over 3 documents with text: ln(4 / (df + 1)) + 1.
const alpha = (1 + Math.log(2)) * (Math.log(4 / 3) + 1);
const beta = (1 + Math.log(2)) * (Math.log(4 / 2) + 1);
/** Cosine of N1 and N2: only "alpha" is shared, each vector normalised. */
const shared = alpha ** 2 / (alpha ** 2 + beta ** 2);

describe('reader content', () => {
  it('weighs title words and entities twice, abstract words once', () => {
    const [row] = parseMindNews(
      'N1\tnews\tnewsus\tStorm hits coast\tThe coast\turl\t[{"Label": "X", "WikidataId": "Q1"}]\t[{"WikidataId": "Q1"}]\n',
    ).values();
    if (!row) throw new Error('one row');
    assert.deepEqual(row.entities, ['Q1']);
    assert.deepEqual(
      newsTerms(row),
      new Map([
        ['storm', 2],
        ['hit', 2],
        ['coast', 3],
        ['entity Q1', 2],
      ]),
    );
  });

  it('gives the cosine of each candidate to the profile of the clicked stories', () => {
    const content = createReaderContent(news);
    const [n1, n2, n3, n4] = content.affinities(['N1'], ['N1', 'N2', 'N3', 'N4']);
    close(n1?.text ?? Number.NaN, 1);
    close(n2?.text ?? Number.NaN, shared);
    assert.equal(n3?.text, 0);
    assert.equal(n4?.text, 0);
    // Two clicks: the profile is v1 + v2, so N1 scores (1 + s) / |v1 + v2| = (1 + s) / √(2 + 2s).
    const [both] = content.affinities(['N1', 'N2', 'N1'], ['N1']);
    close(both?.text ?? Number.NaN, (1 + shared) / Math.sqrt(2 + 2 * shared));
  });

  it('gives the share of known clicks in the candidate’s category and subcategory', () => {
    const content = createReaderContent(news);
    // N4 and the unknown N9 have no category: they do not count among the clicks.
    const [n2, n1, n3] = content.affinities(['N1', 'N3', 'N4', 'N9'], ['N2', 'N1', 'N3']);
    assert.deepEqual([n2?.category, n2?.subcategory], [0.5, 0]);
    assert.deepEqual([n1?.category, n1?.subcategory], [0.5, 0.5]);
    assert.deepEqual([n3?.category, n3?.subcategory], [0.5, 0.5]);
    assert.deepEqual(content.affinities([], ['N1']), [{ category: 0, subcategory: 0, text: 0 }]);
    assert.deepEqual(createReaderContent(new Map()).affinities(['N1'], ['N2']), [{ category: 0, subcategory: 0, text: 0 }]);
  });

  it('lets the ranker use a reader’s clicks earlier in the log, not only the logged history', () => {
    const ranker = createLedeRanker({ news, learningRate: 0 });
    const [first, mine, theirs] = parseMindBehaviors(
      [
        '1\tU1\t11/11/2019 8:00:00 AM\t\tN1-1 N4-0',
        // N2 and N3 were never shown: the log tells them apart only through what U1 clicked.
        '2\tU1\t11/11/2019 8:05:00 AM\t\tN3-0 N2-1',
        '3\tU2\t11/11/2019 8:05:00 AM\t\tN3-0 N2-1',
      ].join('\n'),
    );
    if (!first || !mine || !theirs) throw new Error('three impressions');
    ranker.score(first);
    ranker.observe(first);
    const [n3, n2] = ranker.score(mine) as [number, number];
    assert.ok(n2 > n3, `${n2} > ${n3}`);
    const [other3, other2] = ranker.score(theirs) as [number, number];
    assert.equal(other2, other3);
  });
});
