import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';

/**
 * `lede verify [--json]`: rebuilds each story's state from its versions and events and reports
 * every story whose stored state differs, one line per problem; exit 1 when any does.
 */
export async function runVerify(args: string[], config: () => Readonly<Config>): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    process.stderr.write(`lede verify: unknown argument ${unknown.join(' ')} (usage: lede verify [--json])\n`);
    return 2;
  }
  const store = await openStore({ url: config().databaseUrl });
  try {
    const result = await store.verify();
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      for (const story of result.problems) {
        for (const problem of story.problems) process.stdout.write(`${story.id} (${story.sourceId} ${story.uri}): ${problem}\n`);
      }
      process.stderr.write(`lede verify: ${result.checked} stories checked, ${result.problems.length} differ from their history\n`);
    }
    return result.problems.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
