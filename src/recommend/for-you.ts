import { fingerprintDistance, nearDuplicateDistance } from '../core/fingerprint.js';
import type { Story } from '../core/story.js';
import type { ContentIndex, IndexedStory } from './story-index.js';
import { cosine, type SparseVector } from './term-vector.js';

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

const hourMs = 60 * 60 * 1000;
/** How many of the newest stories are candidates (plus co-visited and trending ones). */
const poolSize = 1000;
/** Candidates that go on to the diversity step. */
const shortlist = 60;
/** Each older history entry counts this much less than the one after it. */
const historyDecay = 0.92;

interface Candidate {
  entry: IndexedStory;
  score: number;
}

/** The reader's taste: a weighted mean of what they read, and their share of each section. */
function profileOf(read: IndexedStory[]): { terms: Map<number, number>; sections: Map<string, number> } {
  const terms = new Map<number, number>();
  const sections = new Map<string, number>();
  let total = 0;
  read.forEach((entry, i) => {
    const w = historyDecay ** i;
    total += w;
    const { terms: ids, weights } = entry.vector;
    for (let k = 0; k < ids.length; k++) terms.set(ids[k] as number, (terms.get(ids[k] as number) ?? 0) + w * (weights[k] as number));
    const section = entry.story.section;
    if (section) sections.set(section, (sections.get(section) ?? 0) + w);
  });
  const norm = Math.sqrt([...terms.values()].reduce((s, v) => s + v * v, 0)) || 1;
  for (const [id, v] of terms) terms.set(id, v / norm);
  for (const [s, v] of sections) sections.set(s, v / (total || 1));
  return { terms, sections };
}

function dot(profile: Map<number, number>, vector: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < vector.terms.length; k++) sum += (profile.get(vector.terms[k] as number) ?? 0) * (vector.weights[k] as number);
  return sum;
}

function isNearDuplicate(a: Story, read: IndexedStory[]): boolean {
  if (!a.fingerprint) return false;
  return read.some(
    (r) => r.story.fingerprint !== undefined && fingerprintDistance(a.fingerprint as string, r.story.fingerprint) <= nearDuplicateDistance,
  );
}

/**
 * "Recommended for you" from the reader's history (story ids, newest first): similarity of
 * text to what they read, their sections, what readers of the same stories read next,
 * popularity and freshness, then maximal marginal relevance so the list is not one topic.
 * Never a story in the history (nor a near-duplicate of one). No history: trending, then newest.
 */
export function rankForYou(input: {
  index: ContentIndex;
  signals: ReaderSignals;
  history: readonly string[];
  now: Date;
  limit: number;
  weights?: ForYouWeights;
}): Story[] {
  const w = input.weights ?? forYouWeights;
  const readIds = new Set(input.history);
  const read = input.history.map((id) => input.index.get(id)).filter((e): e is IndexedStory => e !== undefined);
  const now = input.now.getTime();
  const maxTrend = input.signals.trendingOrder.length > 0 ? (input.signals.trending.get(input.signals.trendingOrder[0] as string) ?? 0) : 0;
  const popularity = (id: string) => (maxTrend > 0 ? Math.log1p(input.signals.trending.get(id) ?? 0) / Math.log1p(maxTrend) : 0);
  const freshness = (entry: IndexedStory) => Math.exp(-Math.max(0, now - entry.publishedMs) / (24 * hourMs));

  const pool = new Map<string, IndexedStory>();
  const consider = (entry: IndexedStory | undefined) => {
    if (entry && !readIds.has(entry.story.id) && entry.publishedMs <= now) pool.set(entry.story.id, entry);
  };
  for (const entry of input.index.newest(poolSize)) consider(entry);
  for (const id of input.signals.trendingOrder.slice(0, 100)) consider(input.index.get(id));

  if (read.length === 0) {
    return [...pool.values()]
      .map((entry) => ({ entry, score: popularity(entry.story.id) + 0.3 * freshness(entry) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, input.limit)
      .map((c) => c.entry.story);
  }

  const coVisit = new Map<string, number>();
  read.forEach((entry, i) => {
    const next = input.signals.coVisits.get(entry.story.id);
    if (!next) return;
    for (const [id, count] of next) {
      coVisit.set(id, (coVisit.get(id) ?? 0) + historyDecay ** i * count);
      consider(input.index.get(id));
    }
  });
  const maxCo = Math.max(0, ...coVisit.values());
  const profile = profileOf(read);
  const scored: Candidate[] = [];
  for (const entry of pool.values()) {
    const id = entry.story.id;
    const score =
      w.similarity * dot(profile.terms, entry.vector) +
      w.section * (profile.sections.get(entry.story.section ?? '') ?? 0) +
      w.coVisit * (maxCo > 0 ? Math.log1p(coVisit.get(id) ?? 0) / Math.log1p(maxCo) : 0) +
      w.popularity * popularity(id) +
      w.freshness * freshness(entry);
    scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const top = scored.slice(0, shortlist).filter((c) => !isNearDuplicate(c.entry.story, read));
  return diversify(top, input.limit, w.lambda).map((c) => c.entry.story);
}

/** Maximal marginal relevance: each next pick trades its score against its likeness to those picked. */
export function diversify(candidates: Candidate[], limit: number, lambda: number): Candidate[] {
  const picked: Candidate[] = [];
  const left = [...candidates];
  while (picked.length < limit && left.length > 0) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    left.forEach((c, i) => {
      let likeness = 0;
      for (const p of picked) {
        const sim = cosine(c.entry.vector, p.entry.vector);
        if (sim > likeness) likeness = sim;
      }
      const value = lambda * c.score - (1 - lambda) * likeness;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    picked.push(left.splice(best, 1)[0] as Candidate);
  }
  return picked;
}
