import { runEvalRecommend } from './eval-recommend.js';

const usage = 'usage: lede eval recommend --dataset DIR [--json] [--predictions FILE]\n';

/** `lede eval <what> …`: offline measurements of the recommendation blocks. */
export async function runEval(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'recommend') return runEvalRecommend(rest);
  process.stderr.write(`lede eval: unknown evaluation "${what ?? ''}"\n${usage}`);
  return 2;
}
