import type { Story } from '../core/story.js';
import type { RelatedIndex } from '../recommend/related.js';
import type { MemoScope } from './event-memo.js';
import type { SiteContext } from './site-context.js';
import type { ReadAlsoData } from './views/read-also.js';

/** How long an article waits for the related index to be built after a start. */
const readyWaitMs = 3000;

function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * The related stories of an article, as published now: the index ranks, the store says what
 * each story is at this moment (a story hidden since it was indexed is dropped). The page
 * carries the `story:{id}` tag of every story it links, so a kill purges it.
 */
export async function loadReadAlso(ctx: SiteContext, story: Story, memo: MemoScope): Promise<{ data?: ReadAlsoData; tags: string[] }> {
  const related = ctx.related;
  if (!related) return { tags: [] };
  const [setting, coVisits] = await Promise.all([
    memo.get('setting:readAlso', () => ctx.store.settings.get('readAlso')),
    related.coVisits?.(story.id).catch(() => undefined),
    // A page rendered while the index is still being built would be cached with a thin block:
    // wait for it, but not for long (a large archive takes minutes; it is read newest first).
    waitAtMost(related.ready, readyWaitMs),
  ]);
  const wanted = Math.max(setting.listLength, setting.afterParagraphs.length * setting.linksPerAside);
  const ids = await rankedOnce(memo, { index: related.index, story, wanted, coVisits });
  const found = new Map((await memo.get(`stories:${ids.join(' ')}`, () => ctx.store.stories.findByIds(ids))).map((s) => [s.id, s]));
  const stories = ids.map((id) => found.get(id)).filter((s): s is Story => s !== undefined && s.state === 'published');
  if (stories.length < wanted) stories.push(...(await latestOfSection(ctx, story, { wanted: wanted - stories.length, shown: ids })));
  return { data: { stories, setting }, tags: stories.map((s) => `story:${s.id}`) };
}

/**
 * The index's ranking, once per story while nothing changes: kept under the event id (memo),
 * the story's revision and the index's size (a story the change feed has just brought in or
 * taken out), and used only with the co-visit counts it was ranked with (the recommender keeps
 * the same map until it reads the reading log again; none is none, whichever empty map says it).
 */
async function rankedOnce(
  memo: MemoScope,
  input: { index: RelatedIndex; story: Story; wanted: number; coVisits: ReadonlyMap<string, number> | undefined },
): Promise<string[]> {
  const { index, story, wanted, coVisits } = input;
  const rank = () => index.relatedTo(story, { limit: wanted, coVisits });
  const key = `related:${story.id}:${story.revision}:${index.size}:${wanted}`;
  const kept = await memo.get(key, async () => ({ coVisits, ids: rank() }));
  const isSame = kept.coVisits === coVisits || (!kept.coVisits?.size && !coVisits?.size);
  return isSame ? kept.ids : rank();
}

/**
 * A story like no other (the only one in its language, say) still gets a block: the latest of
 * its section, then of the site, none from its own cluster.
 */
async function latestOfSection(ctx: SiteContext, story: Story, input: { wanted: number; shown: string[] }): Promise<Story[]> {
  const index = ctx.related?.index;
  const own = index?.clusterOf(story.id) ?? story.id;
  const excludeIds = [story.id, ...input.shown];
  const picked: Story[] = [];
  for (const section of story.section ? [story.section, undefined] : [undefined]) {
    const latest = await ctx.store.stories.listLatest({ section, limit: input.wanted + 5, excludeIds });
    for (const candidate of latest) {
      if (picked.length >= input.wanted) return picked;
      if ((index?.clusterOf(candidate.id) ?? candidate.id) === own) continue;
      picked.push(candidate);
      excludeIds.push(candidate.id);
    }
  }
  return picked;
}

/** One story per cluster, the first (newest) of each: what a list on the home page shows. */
export function foldClusters<T extends { id: string }>(ctx: SiteContext, stories: T[]): T[] {
  const index = ctx.related?.index;
  if (!index) return stories;
  const seen = new Set<string>();
  return stories.filter((story) => {
    const cluster = index.clusterOf(story.id);
    if (seen.has(cluster)) return false;
    seen.add(cluster);
    return true;
  });
}
