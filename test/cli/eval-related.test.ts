import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLede } from '../helpers/cli.js';
import { useEvalDatasets } from '../helpers/eval-datasets.js';

const datasets = useEvalDatasets();

describe('lede eval related', () => {
  it('prints only the four precisions as JSON with --json', async () => {
    const run = await runLede(['eval', 'related', '--dataset', datasets.path('reuters/ok'), '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(result), ['p5', 'p10', 'p5_sameset', 'p10_sameset']);
    for (const value of Object.values(result)) assert.ok(typeof value === 'number' && value >= 0 && value <= 1);
  });

  it('prints a table with the baselines of the same run', async () => {
    const run = await runLede(['eval', 'related', '--dataset', datasets.path('reuters/ok')], {});
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /3 queries \(TEST split\) over 8 stories/);
    assert.match(run.stdout, /^lede \(BM25\)\s+[\d.]+\s+[\d.]+/m);
    assert.match(run.stdout, /^tf-idf cosine\s+[\d.]+/m);
    assert.match(run.stdout, /^random\s+[\d.]+/m);
  });

  it('names the file and line of a corrupt data set and exits 1', async () => {
    const run = await runLede(['eval', 'related', '--dataset', datasets.path('reuters/corrupt'), '--json'], {});
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /corrupt\/reut2-000\.sgm:29: <REUTERS> is opened here and never closed/);
  });

  it('asks for --dataset', async () => {
    const run = await runLede(['eval', 'related'], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--dataset is required/);
  });
});
