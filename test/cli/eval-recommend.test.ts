import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runLede } from '../helpers/cli.js';
import { useEvalDatasets } from '../helpers/eval-datasets.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

const datasets = useEvalDatasets();

describe('lede eval recommend', () => {
  it('prints the four metrics for Lede and both baselines as JSON', async () => {
    const run = await runLede(['eval', 'recommend', '--dataset', datasets.path('mind/ok'), '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(result), ['lede', 'random', 'popularity']);
    for (const ranker of Object.values(result) as Array<Record<string, number>>) {
      assert.deepEqual(Object.keys(ranker), ['auc', 'mrr', 'ndcg5', 'ndcg10']);
    }
    // 8:00 ties (logged order, right), 8:30 N1's click wins (right), 9:00 N1 again: U3 right, U4 wrong.
    assert.equal(result.lede.auc, 0.75);
    assert.equal(result.lede.mrr, (1 + 1 + 1 + 0.5) / 4);
  });

  it('writes the ranking of every impression in the MIND submission format', async (t) => {
    const dir = await createTmpDir(t);
    const predictions = join(dir, 'prediction.txt');
    const run = await runLede(['eval', 'recommend', '--dataset', datasets.path('mind/ok'), '--predictions', predictions], {});
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^lede\s+0\.7500/m);
    // Impression 3: N1 (clicked twice) first, then N3 (the reader's category, fresher) before N2, N4 last.
    const lines = (await readFile(predictions, 'utf8')).trim().split('\n').sort();
    assert.deepEqual(lines, ['1 [1,2,3]', '2 [2,1,3]', '3 [3,1,2,4]', '4 [2,1]']);
  });

  it('names the file and line of a malformed impression, and a missing file', async () => {
    const bad = await runLede(['eval', 'recommend', '--dataset', datasets.path('mind/bad-line')], {});
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /bad-line\/behaviors\.tsv:2: time "yesterday"/);
    const missing = await runLede(['eval', 'recommend', '--dataset', datasets.path('mind/nowhere')], {});
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nowhere\/news\.tsv: no such file/);
  });
});
