import type { ContentIndex, IndexedStory, StoryCard } from './story-index.js';
import { cosine } from './term-vector.js';

/** What "Recommended for you" knows besides the stories: the crowd's recent reading. */
export interface ReaderSignals {
  /** Time-decayed views per story (see trending.ts). */
  trending: ReadonlyMap<string, number>;
  /** Story ids by trending score, highest first. */
  trendingOrder: readonly string[];
  /** "Read X, then Y": for X, the Ys with their counts. */
  coVisits: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface ForYouWeights {
  similarity: number;
  section: number;
  coVisit: number;
  popularity: number;
  freshness: number;
  /** MMR: 1 ranks by score only, lower trades score for variety. */
  lambda: number;
}

export const forYouWeights: ForYouWeights = { similarity: 1, section: 0.7, coVisit: 0.4, popularity: 0.25, freshness: 0.35, lambda: 0.75 };

export interface ForYouInput {
  signals: ReaderSignals;
  history: readonly string[];
  now: Date;
  limit: number;
  weights?: ForYouWeights;
  /** Story clusters (related.ts): the list holds one story per cluster. Without it, each story is its own. */
  clusterOf?: (id: string) => string;
}

const hourMs = 60 * 60 * 1000;
/** How many of the newest stories are candidates (plus co-visited and trending ones). */
const poolSize = 1000;
/** Candidates that go on to the diversity step. */
const shortlist = 40;
/** Each older history entry counts this much less than the one after it. */
const historyDecay = 0.92;
/** Fingerprints this close (differing bits of 64) are one story rewritten (core/fingerprint.ts). */
const nearDuplicateBits = 10;

function bits32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function isNearDuplicate(a: IndexedStory, read: IndexedStory[]): boolean {
  if (a.fingerprintHi === 0 && a.fingerprintLo === 0) return false;
  for (const r of read) {
    if (r.fingerprintHi === 0 && r.fingerprintLo === 0) continue;
    if (bits32(a.fingerprintHi ^ r.fingerprintHi) + bits32(a.fingerprintLo ^ r.fingerprintLo) <= nearDuplicateBits) return true;
  }
  return false;
}

/**
 * "Recommended for you" from the reader's history (story ids, newest first): similarity of
 * text to what they read, their sections, what readers of the same stories read next,
 * popularity and freshness, then maximal marginal relevance so the list is not one topic.
 * Never a story in the history (nor a near-duplicate of one), one story per cluster. No history:
 * trending, then newest.
 * One ranker per index: it keeps scratch buffers, so a request allocates almost nothing.
 */
export function createForYouRanker(index: ContentIndex) {
  let profile = new Float64Array(0);
  const touched: number[] = [];
  const topEntries: IndexedStory[] = [];
  const topScores: number[] = [];

  /** Keeps the best `shortlist` candidates, best first. */
  const offer = (entry: IndexedStory, score: number) => {
    const n = topScores.length;
    if (n === shortlist && score <= (topScores[n - 1] as number)) return;
    let i = n === shortlist ? n - 1 : n;
    while (i > 0 && (topScores[i - 1] as number) < score) {
      topScores[i] = topScores[i - 1] as number;
      topEntries[i] = topEntries[i - 1]!;
      i--;
    }
    topScores[i] = score;
    topEntries[i] = entry;
  };

  return function rank(input: ForYouInput): StoryCard[] {
    const w = input.weights ?? forYouWeights;
    const { signals } = input;
    const readIds = new Set(input.history);
    const read: IndexedStory[] = [];
    for (const id of input.history) {
      const entry = index.get(id);
      if (entry) read.push(entry);
    }
    const now = input.now.getTime();
    const maxTrend = signals.trendingOrder.length > 0 ? (signals.trending.get(signals.trendingOrder[0] as string) ?? 0) : 0;
    const logMaxTrend = Math.log1p(maxTrend);
    topEntries.length = 0;
    topScores.length = 0;

    // The reader's taste: a decayed mean of the vectors read, and the share of each section.
    if (profile.length < index.termCount) profile = new Float64Array(Math.max(index.termCount, profile.length * 2, 1024));
    const sections = new Map<string, number>();
    let totalWeight = 0;
    let norm = 0;
    for (let i = 0; i < read.length; i++) {
      const entry = read[i]!;
      const hw = historyDecay ** i;
      totalWeight += hw;
      const { terms, weights } = entry.vector;
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k] as number;
        if (profile[t] === 0) touched.push(t);
        profile[t] = (profile[t] as number) + hw * (weights[k] as number);
      }
      const section = entry.story.section;
      if (section) sections.set(section, (sections.get(section) ?? 0) + hw);
    }
    for (const t of touched) norm += (profile[t] as number) ** 2;
    norm = Math.sqrt(norm) || 1;

    const coVisit = new Map<string, number>();
    let maxCo = 0;
    for (let i = 0; i < read.length; i++) {
      const next = signals.coVisits.get(read[i]!.story.id);
      if (!next) continue;
      for (const [id, count] of next) {
        const v = (coVisit.get(id) ?? 0) + historyDecay ** i * count;
        coVisit.set(id, v);
        if (v > maxCo) maxCo = v;
      }
    }
    const logMaxCo = Math.log1p(maxCo);

    const score = (entry: IndexedStory): number => {
      const id = entry.story.id;
      const popularity = logMaxTrend > 0 ? Math.log1p(signals.trending.get(id) ?? 0) / logMaxTrend : 0;
      const freshness = Math.exp(-Math.max(0, now - entry.publishedMs) / (24 * hourMs));
      if (read.length === 0) return popularity + 0.3 * freshness;
      const { terms, weights } = entry.vector;
      let dot = 0;
      for (let k = 0; k < terms.length; k++) dot += (profile[terms[k] as number] as number) * (weights[k] as number);
      return (
        (w.similarity * dot) / norm +
        (w.section * (sections.get(entry.story.section ?? '') ?? 0)) / (totalWeight || 1) +
        w.coVisit * (logMaxCo > 0 ? Math.log1p(coVisit.get(id) ?? 0) / logMaxCo : 0) +
        w.popularity * popularity +
        w.freshness * freshness
      );
    };
    const isCandidate = (entry: IndexedStory | undefined): entry is IndexedStory =>
      entry !== undefined && !readIds.has(entry.story.id) && entry.publishedMs <= now;

    let oldest = Number.POSITIVE_INFINITY;
    index.forEachNewest(poolSize, (entry) => {
      oldest = entry.publishedMs;
      if (isCandidate(entry)) offer(entry, score(entry));
    });
    // Older stories that the crowd reads now, or reads after what this reader read (each once).
    const offerOlder = (id: string) => {
      const entry = index.get(id);
      if (isCandidate(entry) && entry.publishedMs < oldest && !topEntries.includes(entry)) offer(entry, score(entry));
    };
    const trendingCount = Math.min(100, signals.trendingOrder.length);
    for (let i = 0; i < trendingCount; i++) offerOlder(signals.trendingOrder[i] as string);
    for (const id of coVisit.keys()) offerOlder(id);
    for (const t of touched) profile[t] = 0;
    touched.length = 0;

    const picked: IndexedStory[] = [];
    const clusterOf = input.clusterOf ?? ((id: string) => id);
    const clusters = new Set<string>();
    const left: number[] = [];
    for (let i = 0; i < topEntries.length; i++) if (!isNearDuplicate(topEntries[i]!, read)) left.push(i);
    // Maximal marginal relevance: each next pick trades its score against its likeness to those picked.
    while (picked.length < input.limit && left.length > 0) {
      let best = 0;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < left.length; j++) {
        const c = topEntries[left[j]!]!;
        let likeness = 0;
        for (const p of picked) likeness = Math.max(likeness, cosine(c.vector, p.vector));
        const value = w.lambda * (topScores[left[j] as number] as number) - (1 - w.lambda) * likeness;
        if (value > bestValue) {
          bestValue = value;
          best = j;
        }
      }
      const chosen = topEntries[left[best]!]!;
      left.splice(best, 1);
      // One entry per story cluster: another agency's copy or a follow-up of a story picked is not shown too.
      const cluster = clusterOf(chosen.story.id);
      if (clusters.has(cluster)) continue;
      clusters.add(cluster);
      picked.push(chosen);
    }
    return picked.map((e) => e.story);
  };
}

export type ForYouRanker = ReturnType<typeof createForYouRanker>;
