import assert from 'node:assert/strict';
import { escapeXml } from '../../src/core/escape.js';
import type { Story } from '../../src/core/story.js';
import { articlePath, feedPath, sectionPath, sourcePath } from '../../src/core/urls.js';
import type { Store } from '../../src/store/types.js';

export type StoryRef = Pick<Story, 'id' | 'uri' | 'slug' | 'section' | 'sourceId' | 'publishedAt' | 'firstcreated' | 'headline'>;

/** Polls `check` every 50 ms until it holds; fails after `ms`. Returns the time it took. */
export async function within(ms: number, check: () => Promise<boolean>, what = 'condition'): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `<loc>` values of a sitemap index, as paths on `base` (the index names the public URL). */
export function sitemapPaths(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => {
    const url = new URL(m[1]!.replace(/&amp;/g, '&'));
    return `${url.pathname}${url.search}`;
  });
}

/** The strings that would give the story away on a list: its address, its uri, its id. */
function needlesOf(story: StoryRef): string[] {
  const path = articlePath(story);
  return [
    ...new Set([
      path,
      decodeURIComponent(path),
      escapeXml(path),
      story.uri,
      escapeXml(story.uri),
      JSON.stringify(story.uri).slice(1, -1),
      story.id,
    ]),
  ];
}

/** A distinctive search query for the story: the longest words of its headline. */
export function searchQueryFor(story: StoryRef): string {
  return story.headline
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 3)
    .sort((a, b) => b.length - a.length)
    .slice(0, 2)
    .join(' ');
}

export interface SurfaceReport {
  checked: string[];
  /** Surfaces answering 404: not built yet. */
  absent: string[];
}

/**
 * Asserts that a withdrawn story appears on no list: home, its section and source pages,
 * search, every feed (site and section), the sitemap index and each sitemap it lists, the
 * news sitemap and the content API list. A surface answering 404 does not exist (yet) and is
 * skipped; any other answer must not contain the story's address, uri or id.
 */
export async function assertGoneEverywhere(
  base: string,
  story: StoryRef,
  options: { query?: string /** e.g. the sitemaps the index listed while the story was live */; extraPaths?: string[] } = {},
): Promise<SurfaceReport> {
  const paths = [
    '/',
    `/search?q=${encodeURIComponent(options.query ?? searchQueryFor(story))}`,
    feedPath('rss'),
    feedPath('atom'),
    feedPath('json'),
    sourcePath(story.sourceId),
    '/sitemap.xml',
    '/news-sitemap.xml',
    '/api/v1/articles',
    `/api/v1/articles?uri=${encodeURIComponent(story.uri)}`,
    ...(options.extraPaths ?? []),
  ];
  if (story.section) {
    const list = sectionPath(story.section);
    paths.push(list, feedPath('rss', list), feedPath('atom', list), feedPath('json', list));
  }
  const report: SurfaceReport = { checked: [], absent: [] };
  const needles = needlesOf(story);
  const seen = new Set<string>();
  const queue = [...paths];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await fetch(`${base}${path}`, { redirect: 'manual', headers: { accept: '*/*' } });
    const body = await response.text();
    if (response.status === 404) {
      report.absent.push(path);
      continue;
    }
    assert.ok(response.status < 500, `${path} answered ${response.status}`);
    report.checked.push(path);
    for (const needle of needles) assert.ok(!body.includes(needle), `${path} still names the story (${needle})`);
    if (path === '/sitemap.xml' && response.status === 200) queue.push(...sitemapPaths(body).filter((p) => p !== path));
  }
  return report;
}

/**
 * `assertGoneEverywhere`, retried until `deadline` (epoch ms). The promise is "within N
 * seconds": a page nobody had cached shows a change as soon as it is committed, a cached one
 * once the server has read the event, so one surface may lag another by a poll. The last
 * failure is what is thrown.
 */
export async function assertGoneEverywhereBy(
  deadline: number,
  base: string,
  story: StoryRef,
  options: Parameters<typeof assertGoneEverywhere>[2] = {},
): Promise<SurfaceReport> {
  for (;;) {
    try {
      return await assertGoneEverywhere(base, story, options);
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The sitemaps the index lists now (the one holding a story may drop out of the index with it). */
export async function listedSitemaps(base: string): Promise<string[]> {
  const response = await fetch(`${base}/sitemap.xml`);
  return response.status === 200 ? sitemapPaths(await response.text()) : [];
}

/** The page answers 200 and search finds it: the story is live. */
export async function isLive(base: string, story: StoryRef): Promise<boolean> {
  const page = await fetch(`${base}${articlePath(story)}`, { redirect: 'manual' });
  if (page.status !== 200) return false;
  const search = await (await fetch(`${base}/search?q=${encodeURIComponent(searchQueryFor(story))}`)).text();
  return search.includes(articlePath(story));
}

type OutboxRow = { kind: string; channel: string };
type OutboxReader = { list(filter: { storyId: string }): Promise<OutboxRow[]> };

/**
 * The kill is in the `events` log, and every channel that had a row for the story has one
 * asking it to take the story down (when the outbox exists: it is read through the store).
 */
export async function assertKillRecorded(store: Store, storyId: string): Promise<OutboxRow[] | undefined> {
  const events = [];
  for (let after = 0; ; ) {
    const page = await store.events.listAfter(after, 1000);
    if (page.length === 0) break;
    events.push(...page.filter((e) => e.storyId === storyId));
    after = page[page.length - 1]!.id;
  }
  assert.ok(
    events.some((e) => e.kind === 'kill'),
    `an events row of kind kill for ${storyId} (found ${events.map((e) => e.kind).join(', ')})`,
  );
  const outbox = (store as unknown as { outbox?: OutboxReader }).outbox;
  if (!outbox) return undefined;
  const rows = await outbox.list({ storyId });
  for (const channel of new Set(rows.map((r) => r.channel))) {
    assert.ok(
      rows.some((r) => r.channel === channel && r.kind === 'kill'),
      `an outbox row asks ${channel} to delete ${storyId}`,
    );
  }
  return rows;
}
