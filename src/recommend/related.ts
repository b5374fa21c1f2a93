import { fingerprintDistance, nearDuplicateDistance, textFingerprint } from '../core/fingerprint.js';
import type { Story } from '../core/story.js';
import { createClusterGraph } from './cluster-graph.js';
import { storySubjects, storyText } from './story-text.js';
import { isSubjectTerm, termCounts } from './term-counts.js';
import { createTextIndex, type QueryVector, type TextIndexOptions } from './text-index.js';
import { createStemCache } from './tokenize.js';

/**
 * Body text the index reads of a story: far above any news story (Reuters-21578's longest is
 * ~10,000), while a 19 MB body would hold the process for seconds on every change.
 */
const relatedBodyChars = 50_000;

export interface RelatedTuning {
  /** Stories this far apart in time (either way) count half as related, at most. */
  halfLifeDays: number;
  /** Added to the relative score of a story in the same event cluster. */
  clusterBoost: number;
  /** Weight of co-visitation (normalised to the most co-visited candidate). */
  coVisitWeight: number;
  /** MMR trade-off: 1 is pure relevance, lower prefers stories unlike those already picked. */
  relevanceWeight: number;
  /** Two stories in this window may be clustered. */
  clusterWindowHours: number;
  /** Text cosine at or above which two stories are the same story (another copy or version). */
  duplicateCosine: number;
  /** Text cosine at or above which two stories sharing a subject are the same event. */
  eventCosine: number;
  /** A cluster this big takes no more same-event links (duplicates still join). */
  maxClusterSize: number;
}

export const defaultRelatedTuning: RelatedTuning = {
  halfLifeDays: 14,
  clusterBoost: 0.15,
  coVisitWeight: 0.2,
  relevanceWeight: 0.7,
  clusterWindowHours: 72,
  duplicateCosine: 0.8,
  eventCosine: 0.3,
  maxClusterSize: 25,
};

interface DocMeta {
  publishedAt: number;
  subjects: Set<string>;
  fingerprint?: string;
  /** Of the headline and the lead alone: a brief of a story (the first paragraph of another's full text) still matches. */
  leadFingerprint?: string;
}

/** Words of the body that make its lead, for `leadFingerprint`. */
const leadWords = 60;
/** Fewer shingles make a noisier fingerprint: the lead's threshold is tighter than the whole text's. */
const leadDuplicateDistance = 6;

function docMetaOf(story: Story, body: string): DocMeta {
  const lead = body.split(/\s+/).slice(0, leadWords).join(' ');
  return {
    // 0 for a date that does not parse, as the text index keeps it (its postings are in time order).
    publishedAt: Date.parse(story.publishedAt ?? story.firstcreated) || 0,
    subjects: new Set(storySubjects(story)),
    fingerprint: story.fingerprint ?? textFingerprint(`${story.headline}\n${body}`),
    leadFingerprint: textFingerprint(`${story.headline}\n${lead}`),
  };
}

/** The same story: near-identical text, or the same headline and lead (a brief and the full story). */
function isSameStory(a: DocMeta, b: DocMeta): boolean {
  const near = (x: string | undefined, y: string | undefined, limit: number) =>
    x !== undefined && y !== undefined && fingerprintDistance(x, y) <= limit;
  return near(a.fingerprint, b.fingerprint, nearDuplicateDistance) || near(a.leadFingerprint, b.leadFingerprint, leadDuplicateDistance);
}

export interface RelatedQuery {
  limit: number;
  /** Co-visitation counts of other stories with this one (read in the same visit); optional. */
  coVisits?: ReadonlyMap<string, number>;
}

export interface RelatedIndex {
  /** A published story is (re)indexed and clustered; any other state takes it out. */
  upsert(story: Story): void;
  remove(id: string): void;
  has(id: string): boolean;
  readonly size: number;
  /** Postings its text searches walked so far: the work they did (tests, the benchmark). */
  readonly postingsWalked: number;
  /** "Read also" for a story: ids best first, one per cluster, never its own copies. */
  related(id: string, query: RelatedQuery): string[];
  /**
   * The same for a published story the index may not hold yet (its page was asked for before
   * its event reached this process): ranked from its text, without adding it.
   */
  relatedTo(story: Story, query: RelatedQuery): string[];
  /** The cluster's key (its earliest story's id); the story's own id when it stands alone. */
  clusterOf(id: string): string;
  /** The other copies of the same story (near-duplicates across agencies and versions). */
  duplicatesOf(id: string): string[];
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The "Read also" index of one process: every published story's words (BM25, text-index.ts)
 * and its links to near-duplicates and same-event stories (cluster-graph.ts). Clusters are
 * found when a story arrives: its closest stories in the time window are compared by SimHash
 * fingerprint (core/fingerprint.ts) and text cosine, with shared subjects for same-event links.
 */
export function createRelatedIndex(options: { text?: Partial<TextIndexOptions>; tuning?: Partial<RelatedTuning> } = {}): RelatedIndex {
  const tuning = { ...defaultRelatedTuning, ...options.tuning };
  const text = createTextIndex({ isPinned: isSubjectTerm, ...options.text });
  const stems = createStemCache();
  const meta = new Map<string, DocMeta>();
  const graph = createClusterGraph((id) => meta.get(id)?.publishedAt ?? Number.POSITIVE_INFINITY);
  const windowMs = tuning.clusterWindowHours * 60 * 60 * 1000;

  const linkClusters = (id: string) => {
    const own = meta.get(id)!;
    // The heaviest 20 terms find a story's copies and same-event stories; fewer postings to walk.
    const query = text.queryOf(id, 20);
    if (!query) return;
    // Only the window's postings are walked: the work per story does not grow with the index.
    const hits = text.search(query, {
      limit: 10,
      skip: (other) => other === id,
      within: { from: own.publishedAt - windowMs, to: own.publishedAt + windowMs },
    });
    for (const hit of hits) {
      const other = meta.get(hit.id)!;
      const cosine = text.cosine(id, hit.id);
      if (isSameStory(own, other) || cosine >= tuning.duplicateCosine) {
        graph.link(id, hit.id, 'duplicate');
      } else if (
        cosine >= tuning.eventCosine &&
        graph.clusterSize(hit.id) < tuning.maxClusterSize &&
        [...own.subjects].some((s) => other.subjects.has(s))
      ) {
        // Bounded: a running story (a war, a season) would otherwise chain into one cluster.
        graph.link(id, hit.id, 'event');
      }
    }
  };

  const clusterOf = (id: string) => graph.clusterOf(id);

  const index: RelatedIndex = {
    upsert(story) {
      if (story.state !== 'published') {
        index.remove(story.id);
        return;
      }
      graph.remove(story.id);
      const storyTextValue = storyText(story, { bodyChars: relatedBodyChars });
      const own = docMetaOf(story, storyTextValue.body);
      text.add(story.id, termCounts(storyTextValue, undefined, stems), own.publishedAt);
      meta.set(story.id, own);
      linkClusters(story.id);
    },
    remove(id) {
      text.remove(id);
      graph.remove(id);
      meta.delete(id);
    },
    has: (id) => meta.has(id),
    get size() {
      return meta.size;
    },
    get postingsWalked() {
      return text.postingsWalked;
    },
    clusterOf,
    duplicatesOf: (id) => graph.duplicatesOf(id),
    related(id, query) {
      const own = meta.get(id);
      const terms = own && text.queryOf(id);
      if (!own || !terms) return [];
      return rank({ id, own, terms, copies: new Set(graph.duplicatesOf(id)), cluster: clusterOf(id) }, query);
    },
    relatedTo(story, query) {
      if (meta.has(story.id)) return index.related(story.id, query);
      if (story.state !== 'published') return [];
      const storyTextValue = storyText(story, { bodyChars: relatedBodyChars });
      const own = docMetaOf(story, storyTextValue.body);
      const terms = text.queryFromCounts(termCounts(storyTextValue, undefined, stems));
      const copies = new Set([story.id]);
      for (const hit of text.search(terms, { limit: 10 })) {
        const other = meta.get(hit.id);
        if (other && isSameStory(own, other)) copies.add(hit.id);
      }
      return rank({ id: story.id, own, terms, copies, cluster: undefined }, query);
    },
  };

  const rank = (
    input: { id: string; own: DocMeta; terms: QueryVector; copies: Set<string>; cluster: string | undefined },
    { limit, coVisits }: RelatedQuery,
  ): string[] => {
    if (limit <= 0) return [];
    const { own, copies, cluster } = input;
    const hits = text.search(input.terms, { limit: Math.max(30, limit * 6), skip: (other) => copies.has(other) || other === input.id });
    if (hits.length === 0) return [];
    const top = hits[0]!.score;
    let maxCoVisits = 0;
    for (const hit of hits) maxCoVisits = Math.max(maxCoVisits, coVisits?.get(hit.id) ?? 0);
    const scored = hits.map((hit) => {
      let score = hit.score / top;
      if (cluster !== undefined && clusterOf(hit.id) === cluster) score += tuning.clusterBoost;
      if (maxCoVisits > 0) score += (tuning.coVisitWeight * (coVisits?.get(hit.id) ?? 0)) / maxCoVisits;
      const apartDays = Math.abs((meta.get(hit.id)?.publishedAt ?? own.publishedAt) - own.publishedAt) / dayMs;
      score *= 0.5 + 0.5 * 2 ** (-apartDays / tuning.halfLifeDays);
      return { id: hit.id, score };
    });
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return diversify(scored.slice(0, Math.max(12, limit * 3)), {
      limit,
      relevanceWeight: tuning.relevanceWeight,
      clusterOf,
      likeness: (a, b) => text.cosine(a, b),
    });
  };
  return index;
}

/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): each pick maximises relevance minus
 * its likeness to what was already picked, so four stories on one sub-topic do not fill the
 * block. At most one story per cluster: one follow-up of the story's own event, not three.
 */
function diversify(
  candidates: Array<{ id: string; score: number }>,
  input: {
    limit: number;
    relevanceWeight: number;
    clusterOf: (id: string) => string;
    likeness: (a: string, b: string) => number;
  },
): string[] {
  const picked: string[] = [];
  const clusters = new Set<string>();
  // Each candidate's likeness to the closest story picked so far: only the last pick is new.
  const remaining = candidates.map((c) => ({ ...c, likeness: 0 }));
  const top = candidates[0]?.score || 1;
  let compared = 0;
  while (picked.length < input.limit && remaining.length > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    const last = picked.length > compared ? picked.at(-1) : undefined;
    compared = picked.length;
    for (let i = 0; i < remaining.length; i++) {
      const candidate = remaining[i]!;
      if (last !== undefined) candidate.likeness = Math.max(candidate.likeness, input.likeness(candidate.id, last));
      const value = input.relevanceWeight * (candidate.score / top) - (1 - input.relevanceWeight) * candidate.likeness;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    const [chosen] = remaining.splice(best, 1);
    const cluster = input.clusterOf(chosen!.id);
    if (clusters.has(cluster)) continue;
    clusters.add(cluster);
    picked.push(chosen!.id);
  }
  return picked;
}
