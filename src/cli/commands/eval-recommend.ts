import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLedeError } from '../../core/errors.js';
import { evaluateRecommend } from '../../recommend/evaluate.js';
import type { MetricSet } from '../../recommend/metrics.js';
import { loadMindDataset } from '../../recommend/mind-format.js';

const usage = 'usage: lede eval recommend --dataset DIR [--json] [--predictions FILE]\n';

const row = (name: string, m: MetricSet) =>
  `${name.padEnd(12)}${[m.auc, m.mrr, m.ndcg5, m.ndcg10].map((v) => v.toFixed(4).padStart(9)).join('')}\n`;

/**
 * `lede eval recommend --dataset DIR`: replays a MIND-format click log (news.tsv,
 * behaviors.tsv) in time order and prints AUC, MRR, nDCG@5 and nDCG@10 for Lede's ranker
 * and the random and popularity (smoothed CTR) baselines. `--predictions FILE` writes Lede's
 * ranking in MIND's submission format (`ID [r1,r2,…]`).
 */
export async function runEvalRecommend(args: string[]): Promise<number> {
  let values: { dataset?: string; json?: boolean; predictions?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { dataset: { type: 'string' }, json: { type: 'boolean' }, predictions: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`lede eval recommend: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.dataset) {
    process.stderr.write(`lede eval recommend: --dataset DIR is required\n${usage}`);
    return 2;
  }
  try {
    const dataset = loadMindDataset(values.dataset);
    const lines: string[] = [];
    const result = evaluateRecommend(
      dataset,
      values.predictions ? { onRanking: (id, ranks) => lines.push(`${id} [${ranks.join(',')}]`) } : {},
    );
    if (values.predictions) writeFileSync(values.predictions, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ lede: result.lede, random: result.random, popularity: result.popularity })}\n`);
    } else {
      process.stdout.write(`${'ranker'.padEnd(12)}${['AUC', 'MRR', 'nDCG@5', 'nDCG@10'].map((h) => h.padStart(9)).join('')}\n`);
      process.stdout.write(row('lede', result.lede) + row('random', result.random) + row('popularity', result.popularity));
      process.stdout.write(`${result.impressions} impressions scored, ${result.skipped} skipped (no labels, or no click / all clicked)\n`);
    }
    return 0;
  } catch (error) {
    if (isLedeError(error, 'LEDE_EVAL_DATASET')) {
      process.stderr.write(`lede eval recommend: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
