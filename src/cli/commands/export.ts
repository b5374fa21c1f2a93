import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Story } from '../../core/story.js';
import { impressionStoryIds, toMind } from '../../recommend/mind-export.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';

const usage = 'usage: lede export impressions --format mind DIR\n';

/**
 * `lede export impressions --format mind DIR`: the recommendation impressions and clicks kept
 * (within the retention period) as MIND `behaviors.tsv` and `news.tsv`, so Lede's own traffic
 * can be replayed by `lede eval recommend`.
 */
export async function runExport(args: string[], config: () => Readonly<Config>): Promise<number> {
  let parsed: { values: { format?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { format: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`lede export: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [what, dir, ...extra] = parsed.positionals;
  if (what !== 'impressions' || !dir || extra.length > 0 || parsed.values.format !== 'mind') {
    process.stderr.write(`lede export: expected impressions --format mind DIR\n${usage}`);
    return 2;
  }
  const cfg = config();
  const store = await openStore({ url: cfg.databaseUrl });
  try {
    const impressions = await store.signals.listImpressions({});
    const ids = impressionStoryIds(impressions);
    const stories: Story[] = [];
    for (let i = 0; i < ids.length; i += 500) stories.push(...(await store.stories.findByIds(ids.slice(i, i + 500))));
    const { behaviors, news } = toMind({ impressions, stories, publicUrl: cfg.publicUrl });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'behaviors.tsv'), behaviors);
    await writeFile(join(dir, 'news.tsv'), news);
    process.stderr.write(`lede export: ${impressions.length} impressions, ${stories.length} stories written to ${dir}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
