import { parseArgs } from 'node:util';
import { isLedeError } from '../../core/errors.js';
import { evaluateRelated } from '../../recommend/eval/evaluate-related.js';
import type { RelatedScores } from '../../recommend/eval/related-metrics.js';
import { readReuters } from '../../recommend/eval/reuters.js';

const usage = 'usage: lede eval related --dataset DIR [--json]';

const row = (name: string, s: RelatedScores) =>
  `${name.padEnd(22)}${s.p5.toFixed(4).padStart(8)}${s.p10.toFixed(4).padStart(8)}${s.p5_sameset.toFixed(4).padStart(12)}${s.p10_sameset.toFixed(4).padStart(12)}\n`;

/**
 * `lede eval related --dataset DIR [--json]`: "Read also" measured on Reuters-21578 (DIR holds
 * its `reut2-NNN.sgm` files). With `--json` stdout is only `{"p5","p10","p5_sameset","p10_sameset"}`;
 * otherwise a table with the tf·idf cosine and random baselines of the same run.
 */
export async function runEvalRelated(args: string[]): Promise<number> {
  let values: { dataset?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { dataset: { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`lede eval related: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (!values.dataset) {
    process.stderr.write(`lede eval related: --dataset is required\n${usage}\n`);
    return 2;
  }
  const started = Date.now();
  let docs: Awaited<ReturnType<typeof readReuters>>;
  try {
    docs = await readReuters(values.dataset);
  } catch (error) {
    if (!isLedeError(error, 'LEDE_EVAL_DATASET')) throw error;
    process.stderr.write(`lede eval related: ${error.message}\n`);
    return 1;
  }
  const result = evaluateRelated(docs, { withBaselines: !values.json });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result.lede)}\n`);
    return 0;
  }
  process.stdout.write(`Reuters-21578 "Read also": ${result.queries} queries (TEST split) over ${result.corpus} stories\n`);
  process.stdout.write(`${''.padEnd(22)}${'P@5'.padStart(8)}${'P@10'.padStart(8)}${'P@5 same'.padStart(12)}${'P@10 same'.padStart(12)}\n`);
  process.stdout.write(row('lede (BM25)', result.lede));
  if (result.baselines) {
    process.stdout.write(row('tf-idf cosine', result.baselines.cosine));
    process.stdout.write(row('random', result.baselines.random));
  }
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return 0;
}
