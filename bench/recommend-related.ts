/**
 * The "Read also" part of `npm run bench:recommend` (bench/recommend.ts runs it first): in
 * process with 100,000 stored stories. Builds the related index (recommend/related.ts)
 * from generated stories, then times `related()` for random stories: p50, p99 and max in ms
 * (target p99 < 2 ms). Same-run baselines: the bare BM25 query of the same stories (no
 * clusters, no MMR), and the naive way, scoring every stored story by cosine (a few queries).
 * The stories are generated (seeded): 400 topics with their own words over a Zipf-distributed
 * vocabulary of 30,000 words, 150–250 words each, 5 % near-copies of an earlier story.
 * Wall time per call (p50, p99, max) and CPU time per call (the mean: the machine may be shared).
 */
import type { SanitizedHtml, Story } from '../src/core/story.js';
import { createRelatedIndex } from '../src/recommend/related.js';
import { storyText } from '../src/recommend/story-text.js';
import { termCounts } from '../src/recommend/term-counts.js';
import { createTextIndex } from '../src/recommend/text-index.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

let seed = 20261203;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const syllables = ['ka', 'ro', 'mi', 'tan', 'vel', 'sor', 'du', 'len', 'bra', 'qui', 'mon', 'tes', 'gar', 'pol', 'fin', 'esk'];
const vocabulary = Array.from({ length: 30_000 }, (_, i) => {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 16)) word += syllables[n % 16];
  return `${word}${syllables[i % 7]}`;
});
/** Zipf-like: rank ~ exp(u·ln N), so low ranks come up far more often. */
const zipf = (size: number) => Math.min(size - 1, Math.floor(Math.exp(random() * Math.log(size))) - 1);
const topics = Array.from({ length: 400 }, () => Array.from({ length: 60 }, () => vocabulary[Math.floor(random() * vocabulary.length)]!));
const words = (topic: string[], n: number, share: number) =>
  Array.from({ length: n }, () => (random() < share ? topic[zipf(topic.length)]! : vocabulary[zipf(vocabulary.length)]!)).join(' ');

const start = Date.parse('2026-01-01T00:00:00Z');
function makeStory(i: number, copyOf?: Story): Story {
  const t = Math.floor(random() * topics.length);
  const topic = topics[t]!;
  const at = new Date(start + i * 60_000).toISOString();
  const headline = copyOf ? `${copyOf.headline} ${words(topic, 1, 0)}` : words(topic, 9, 0.7);
  const body = copyOf
    ? copyOf.bodyHtml.replace(/ \w+ /, ` ${words(topic, 2, 0)} `)
    : `<p>${words(topic, 60, 0.35)}</p><p>${words(topic, 60 + Math.floor(random() * 100), 0.35)}</p><p>${words(topic, 30, 0.35)}</p>`;
  return {
    id: `s${i}`,
    sourceId: copyOf ? 'other' : 'mpa',
    uri: `urn:bench:${i}`,
    state: 'published',
    pubstatus: 'usable',
    headline,
    bodyHtml: body as SanitizedHtml,
    language: 'en',
    firstcreated: at,
    versioncreated: at,
    publishedAt: at,
    tags: [],
    authorSlugs: [],
    corrections: [],
    slug: `s${i}`,
    contentHash: `h${i}`,
    ninjs: { uri: `urn:bench:${i}`, pubstatus: 'usable', subjects: [{ literal: `medtop:${t % 17}` }, { literal: `topic:${t}` }] },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
/** Times `run` for each id: wall p50/p99/max per call, and the process's CPU time per call. */
export function timeEach(name: string, ids: string[], run: (id: string) => unknown): void {
  if (ids.length === 0) return;
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const id of ids) {
    const t0 = performance.now();
    run(id);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / ids.length;
  times.sort((a, b) => a - b);
  const line = `${name.padEnd(34)} n=${String(ids.length).padStart(5)}  p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms  max ${times[times.length - 1]!.toFixed(3)} ms  CPU ${cpuMs.toFixed(3)} ms/call`;
  process.stdout.write(`${line}\n`);
}

/** Builds the related index over `storyCount` generated stories and times "Read also" and its baselines. */
export function benchRelated({ storyCount, queryCount, naiveCount }: { storyCount: number; queryCount: number; naiveCount: number }): void {
  const heapBefore = process.memoryUsage().heapUsed;
  const stories: Story[] = [];
  for (let i = 0; i < storyCount; i++) {
    const copyOf = i > 10 && random() < 0.05 ? stories[i - 1 - Math.floor(random() * 10)] : undefined;
    stories.push(makeStory(i, copyOf));
  }
  log(`generated ${storyCount} stories`);
  const index = createRelatedIndex();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const story of stories) index.upsert(story);
  const buildSeconds = (performance.now() - t0) / 1000;
  const buildCpuSeconds = process.cpuUsage(cpu0).user / 1e6;
  // The bare text index alone, for the baseline: the same words, no clusters.
  const bare = createTextIndex();
  for (const story of stories) bare.add(story.id, termCounts(storyText(story)));
  stories.length = 0;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  process.stdout.write(
    `related index: ${storyCount} stories indexed and clustered in ${buildSeconds.toFixed(1)} s wall, ${buildCpuSeconds.toFixed(1)} s CPU (${Math.round(storyCount / buildCpuSeconds)} stories per CPU second)\n`,
  );
  process.stdout.write(
    `heap after building both indexes: ${heapMb.toFixed(0)} MB${globalThis.gc ? '' : ' (without --expose-gc: upper bound)'}\n`,
  );

  const ids = Array.from({ length: queryCount }, () => `s${Math.floor(random() * storyCount)}`);
  // Warm-up, so the JIT has compiled the paths being timed.
  for (const id of ids.slice(0, 200)) index.related(id, { limit: 5 });
  timeEach('related() (read also, 5 links)', ids, (id) => index.related(id, { limit: 5 }));
  timeEach('baseline: bare BM25 top 30', ids, (id) => bare.search(bare.queryOf(id)!, { limit: 30, skip: (o) => o === id }));
  const naiveIds = ids.slice(0, naiveCount);
  timeEach('baseline: naive cosine over all', naiveIds, (id) => {
    let best = 0;
    for (let i = 0; i < storyCount; i++) best = Math.max(best, bare.cosine(id, `s${i}`));
    return best;
  });
}
