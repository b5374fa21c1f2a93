import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLedeError } from '../core/errors.js';
import { evaluateRecommend } from './evaluate.js';
import { parseMindBehaviors, parseMindNews, parseMindTime } from './mind-format.js';

describe('MIND format', () => {
  it('reads the 12-hour impression time as UTC', () => {
    assert.equal(parseMindTime('11/12/2019 2:14:46 PM'), Date.UTC(2019, 10, 12, 14, 14, 46));
    assert.equal(parseMindTime('11/12/2019 12:05:00 AM'), Date.UTC(2019, 10, 12, 0, 5, 0));
    assert.equal(parseMindTime('11/12/2019 12:05:00 PM'), Date.UTC(2019, 10, 12, 12, 5, 0));
    assert.equal(parseMindTime('2019-11-12'), undefined);
  });

  it('reads candidates, labels and an empty history', () => {
    const [imp] = parseMindBehaviors('7\tU1\t11/11/2019 8:00:00 AM\t\tN1-1 N2-0\n');
    assert.deepEqual(imp?.candidates, ['N1', 'N2']);
    assert.deepEqual(imp?.labels, [1, 0]);
    assert.deepEqual(imp?.history, []);
  });

  it('names the file and line of a bad impression', () => {
    assert.throws(
      () => parseMindBehaviors('1\tU1\t11/11/2019 8:00:00 AM\t\tN1-1\n2\tU2\t11/11/2019 8:00:00 AM\t\tN1-x\n', 'b.tsv'),
      (e: unknown) => isLedeError(e, 'LEDE_EVAL_DATASET') && e.message.startsWith('b.tsv:2:') && e.details.line === 2,
    );
    assert.throws(() => parseMindBehaviors('1\tU1\n', 'b.tsv'), /b\.tsv:1: expected 5 tab-separated columns/);
  });

  it('accepts news rows with no text', () => {
    const news = parseMindNews('N1\n N2\tsports\n'.replace(' ', ''));
    assert.equal(news.get('N1')?.title, '');
    assert.equal(news.get('N2')?.category, 'sports');
  });

  it('reads entity ids from hostile entity cells (NUL, a lone surrogate, cut JSON, a huge cell) without throwing', () => {
    const huge = `[${Array.from({ length: 50_000 }, (_, i) => `{"WikidataId": "Q${i % 7}"}`).join(',')}]`;
    const rows = [
      'N1\tnews\tus\tT\tA\turl\t[{"Label": "a\u0000b", "WikidataId": "Q1"}]\t[{"WikidataId": "Q\ud8002"}]',
      'N2\tnews\tus\tT\tA\turl\t[{"WikidataId": "Q3"}, {"WikidataId": "Q4',
      `N3\tnews\tus\tT\tA\turl\t${huge}\t`,
    ];
    const news = parseMindNews(rows.join('\n'));
    assert.deepEqual(news.get('N1')?.entities, ['Q1']);
    assert.deepEqual(news.get('N2')?.entities, ['Q3']);
    assert.deepEqual(news.get('N3')?.entities, ['Q0', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
  });

  it('scores an impression only with what earlier impressions showed', () => {
    const at = (h: number) => `11/11/2019 ${h}:00:00 AM`;
    // The later impression comes first in the file: replay must still see the 8:00 click first.
    const behaviors = `2\tU2\t${at(9)}\t\tN2-0 N1-1\n1\tU1\t${at(8)}\t\tN1-1 N2-0\n`;
    const result = evaluateRecommend({ news: new Map(), impressions: parseMindBehaviors(behaviors) });
    // 8:00: nothing known, logged order wins (N1 first, correct). 9:00: N1's earlier click ranks it first.
    assert.equal(result.lede.auc, 1);
    assert.equal(result.popularity.mrr, 1);
    assert.equal(result.impressions, 2);
  });
});
