import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useEvalDatasets } from '../../../test/helpers/eval-datasets.js';
import { isLedeError } from '../../core/errors.js';
import { evaluateRelated } from './evaluate-related.js';
import { parseReutersFile, readReuters } from './reuters.js';

const datasets = useEvalDatasets();

describe('readReuters', () => {
  it('reads every story with its split, topics and decoded text', async () => {
    const docs = await readReuters(datasets.path('reuters/ok'));
    assert.equal(docs.length, 10);
    const first = docs[0]!;
    assert.deepEqual(
      { newId: first.newId, split: first.split, topics: first.topics, title: first.title },
      { newId: 1, split: 'TRAIN', topics: ['grain', 'wheat'], title: 'FARMERS EXPECT RECORD WHEAT HARVEST' },
    );
    assert.ok(docs[6]!.body.includes('Shr profit up'));
    assert.deepEqual(docs[8]!.topics, []);
  });

  it('names the file and line of a story that is never closed', async () => {
    const dir = datasets.path('reuters/corrupt');
    await assert.rejects(readReuters(dir), (error) => {
      assert.ok(isLedeError(error, 'LEDE_EVAL_DATASET'));
      assert.equal(error.message, `${join(dir, 'reut2-000.sgm')}:29: <REUTERS> is opened here and never closed`);
      return true;
    });
  });

  it('names the missing file when the folder has none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lede-reuters-'));
    try {
      await assert.rejects(readReuters(dir), /reut2-000\.sgm: missing/);
      await assert.rejects(readReuters(join(dir, 'nope')), /cannot read the data set folder/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a story without NEWID, and a file without stories', () => {
    assert.throws(
      () => parseReutersFile('\n<REUTERS LEWISSPLIT="TEST">\n<TOPICS></TOPICS></REUTERS>', 'x.sgm'),
      /x\.sgm:2: <REUTERS> has no NEWID/,
    );
    assert.throws(() => parseReutersFile('nothing here', 'y.sgm'), /y\.sgm:1: no <REUTERS> story/);
  });
});

describe('evaluateRelated', () => {
  it('ranks the hand-written corpus by text and scores it against the topics', async () => {
    const result = evaluateRelated(await readReuters(datasets.path('reuters/ok')), { withBaselines: true });
    // Corpus: stories with a topic and text (not 9: no topic; not 10: no text); queries: its TEST stories.
    assert.equal(result.corpus, 8);
    assert.equal(result.queries, 3);
    // The best possible: every story sharing a topic within the first five (2, 2 and 1 of them),
    // and so every story of the same set (2, 1 and 1).
    assert.ok(Math.abs(result.lede.p5 - (2 / 5 + 2 / 5 + 1 / 5) / 3) < 1e-9, `p5 ${result.lede.p5}`);
    assert.ok(Math.abs(result.lede.p5_sameset - (2 / 5 + 1 / 5 + 1 / 5) / 3) < 1e-9, `p5 same set ${result.lede.p5_sameset}`);
    assert.ok(Math.abs(result.lede.p10 - result.lede.p5 / 2) < 1e-9);
    assert.ok(result.baselines && result.baselines.random.p10 <= result.lede.p10);
  });
});
