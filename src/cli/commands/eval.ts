import { runEvalRecommend } from './eval-recommend.js';
import { runEvalRelated } from './eval-related.js';

const usage = 'usage: lede eval recommend --dataset DIR [--json] [--predictions FILE]\n       lede eval related --dataset DIR [--json]\n';

/** `lede eval <what> …`: offline measurements of the recommendation blocks. */
export async function runEval(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'recommend') return runEvalRecommend(rest);
  if (what === 'related') return runEvalRelated(rest);
  process.stderr.write(`lede eval: unknown evaluation "${what ?? ''}"\n${usage}`);
  return 2;
}
