/**
 * An in-process content-similarity index: BM25 (Robertson & Zaragoza 2009) over sparse term
 * vectors, with an inverted index so that a query touches only the stories sharing one of its
 * terms. Stories come and go (publish, kill) in any order; the statistics BM25 needs (document
 * frequencies, average length) follow. Each term's postings are kept in the order of the
 * stories' times, so a search within a time window walks only that window's postings.
 * Pure data structure: no I/O, no clock.
 */

export interface TextIndexOptions {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation (0: none, 1: full). */
  b: number;
  /** At most this many distinct terms are kept per story (the highest tf·idf when added): bounds memory. */
  maxTermsPerDoc: number;
  /** A query uses at most this many of its terms, the heaviest: bounds the postings a query walks. */
  maxQueryTerms: number;
  /** Terms always kept, in a story and in its query, past both limits (subject codes: few, and what an editor said). */
  isPinned?: (term: string) => boolean;
}

export const defaultTextIndexOptions: TextIndexOptions = { k1: 1.2, b: 0.75, maxTermsPerDoc: 160, maxQueryTerms: 40 };

/** A weighted bag of terms: term → weighted frequency. */
export type TermCounts = Map<string, number>;

export interface ScoredId {
  id: string;
  score: number;
}

/** A query as term ids and weights, so feedback can reweight it without strings. */
export interface QueryVector {
  terms: Int32Array;
  weights: Float64Array;
}

/** A term's postings, oldest story first, in `[start, end)` of the arrays (room at both ends). */
interface Postings {
  slots: Int32Array;
  tfs: Float32Array;
  start: number;
  end: number;
}

/** Only stories whose time is in `[from, to]` (the `at` given to `add`). */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface TextIndex {
  /** `at`: the story's time (ms; default 0), which `search`'s `within` selects by. */
  add(id: string, counts: TermCounts, at?: number): void;
  remove(id: string): boolean;
  has(id: string): boolean;
  readonly size: number;
  /** The stored story as a query (its `limit` heaviest terms, default maxQueryTerms); undefined when unknown. */
  queryOf(id: string, limit?: number): QueryVector | undefined;
  /** An outside text as a query (terms the index never saw are dropped). */
  queryFromCounts(counts: TermCounts): QueryVector;
  /**
   * BM25 scores of every story sharing a query term, best first; `skip` is asked of each
   * candidate. With `within`, only the postings of stories in that time window are walked.
   */
  search(query: QueryVector, options: { limit: number; skip?: (id: string) => boolean; within?: TimeWindow }): ScoredId[];
  /** Cosine of two stored stories' tf·idf vectors (0 when either is unknown): one merge of their sorted terms. */
  cosine(a: string, b: string): number;
  /** Postings walked by every search so far: the work searches did (tests, benchmarks). */
  readonly postingsWalked: number;
}

/** Doubles the arrays, the free room going to the end that ran out (`atStart`: the front). */
function growPostings(p: Postings, atStart: boolean): void {
  const length = p.end - p.start;
  const slots = new Int32Array(Math.max(4, length * 2));
  const tfs = new Float32Array(slots.length);
  const start = atStart ? slots.length - length : 0;
  slots.set(p.slots.subarray(p.start, p.end), start);
  tfs.set(p.tfs.subarray(p.start, p.end), start);
  p.slots = slots;
  p.tfs = tfs;
  p.start = start;
  p.end = start + length;
}

export function createTextIndex(options: Partial<TextIndexOptions> = {}): TextIndex {
  const opts = { ...defaultTextIndexOptions, ...options };
  const termIds = new Map<string, number>();
  const postings: Postings[] = [];
  const df: number[] = [];
  const slotOf = new Map<string, number>();
  const ids: Array<string | undefined> = [];
  const docTerms: Array<Int32Array | undefined> = [];
  const docTfs: Array<Float32Array | undefined> = [];
  const docLength: number[] = [];
  // Kept after a story is removed: its postings stay in place (and in order) until `compact`.
  const docTime: number[] = [];
  const pinned: boolean[] = [];
  // The tf·idf norm of each story, computed when first asked (idf drifts a little as stories come and go).
  const docNorms: number[] = [];
  const freeSlots: number[] = [];
  let live = 0;
  let totalLength = 0;
  let deadPostings = 0;
  let livePostings = 0;
  let postingsWalked = 0;
  // Scratch accumulator, grown with the slot count; `touched` lists the slots written.
  let scores = new Float64Array(0);
  let touched = new Int32Array(0);
  const best: number[] = [];
  const bestSlots: number[] = [];

  // Each term's idf, remembered until the next add or remove: cosines ask it for every shared term.
  let generation = 0;
  const idfValue: number[] = [];
  const idfGeneration: number[] = [];
  const idf = (term: number) => {
    if (idfGeneration[term] === generation) return idfValue[term]!;
    const n = df[term] ?? 0;
    const value = Math.log(1 + (live - n + 0.5) / (n + 0.5));
    idfValue[term] = value;
    idfGeneration[term] = generation;
    return value;
  };

  const termId = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = postings.length;
      termIds.set(term, id);
      postings.push({ slots: new Int32Array(0), tfs: new Float32Array(0), start: 0, end: 0 });
      df.push(0);
      pinned.push(opts.isPinned?.(term) ?? false);
    }
    return id;
  };

  /** Drops postings of removed stories once they are a quarter of all postings. */
  const compact = () => {
    for (const p of postings) {
      let w = p.start;
      for (let r = p.start; r < p.end; r++) {
        const slot = p.slots[r]!;
        if (ids[slot] === undefined) continue;
        p.slots[w] = slot;
        p.tfs[w] = p.tfs[r]!;
        w++;
      }
      p.end = w;
    }
    deadPostings = 0;
    // Freed slots may be reused only now that no posting points at them.
    freeSlots.length = 0;
    for (let slot = 0; slot < ids.length; slot++) if (ids[slot] === undefined && docTerms[slot] === undefined) freeSlots.push(slot);
  };

  /** The first position in `p` whose story's time is at least `at` (`after`: above `at`). */
  const positionOf = (p: Postings, at: number, after: boolean) => {
    let lo = p.start;
    let hi = p.end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const time = docTime[p.slots[mid]!]!;
      if (time < at || (after && time === at)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /**
   * Puts a posting in its place by time: at either end at once (stories come newest first when
   * a process loads them, then newest last as they are published), else shifted in.
   */
  const insertPosting = (p: Postings, slot: number, tf: number) => {
    const at = docTime[slot]!;
    let pos: number;
    if (p.end > p.start && at < docTime[p.slots[p.start]!]!) {
      if (p.start === 0) growPostings(p, true);
      pos = --p.start;
    } else {
      if (p.end === p.slots.length) growPostings(p, false);
      pos = p.end;
      if (pos > p.start && at < docTime[p.slots[pos - 1]!]!) {
        pos = positionOf(p, at, true);
        p.slots.copyWithin(pos + 1, pos, p.end);
        p.tfs.copyWithin(pos + 1, pos, p.end);
      }
      p.end++;
    }
    p.slots[pos] = slot;
    p.tfs[pos] = tf;
  };

  /**
   * The story's heaviest `limit` terms by tf·idf. As a query (`isQuery`) each weighs its
   * sublinear tf only: `search` applies idf once, as BM25 does. Weighing idf on both sides
   * (the usual tf·idf cosine) favours rare words so much that on Reuters-21578 precision@10
   * fell from 0.865 to 0.79 (bench/RESULTS.md).
   */
  const termVector = (slot: number, limit: number, isQuery: boolean): QueryVector => {
    const terms = docTerms[slot]!;
    const tfs = docTfs[slot]!;
    const order = Array.from(terms.keys());
    const tfWeights = order.map((i) => 1 + Math.log(tfs[i]!));
    const weights = order.map((i) => tfWeights[i]! * idf(terms[i]!));
    order.sort((x, y) => weights[y]! - weights[x]!);
    const kept = order.filter((i, rank) => rank < limit || pinned[terms[i]!]);
    return { terms: Int32Array.from(kept, (i) => terms[i]!), weights: Float64Array.from(kept, (i) => (isQuery ? tfWeights : weights)[i]!) };
  };

  const tfidf = (slot: number, i: number) => (1 + Math.log(docTfs[slot]![i]!)) * idf(docTerms[slot]![i]!);
  const normOf = (slot: number) => {
    let norm = docNorms[slot] ?? -1;
    if (norm >= 0) return norm;
    norm = 0;
    for (let i = 0; i < docTerms[slot]!.length; i++) norm += tfidf(slot, i) ** 2;
    norm = Math.sqrt(norm);
    docNorms[slot] = norm;
    return norm;
  };

  const index: TextIndex = {
    add(id, counts, at = 0) {
      index.remove(id);
      generation++;
      if (counts.size === 0) return;
      // Keep the heaviest terms by tf·idf as the index stands (rare words tell stories apart).
      let entries = [...counts].filter(([, tf]) => tf > 0);
      if (entries.length > opts.maxTermsPerDoc) {
        const weight = ([term, tf]: [string, number]) => {
          const known = termIds.get(term);
          const n = known === undefined ? 0 : (df[known] ?? 0);
          return (1 + Math.log(tf)) * Math.log(1 + (live + 1) / (n + 1));
        };
        entries = entries
          .map((e) => [e, weight(e)] as const)
          .sort((a, b) => b[1] - a[1])
          .filter(([[term]], rank) => rank < opts.maxTermsPerDoc || opts.isPinned?.(term))
          .map(([e]) => e);
      }
      const slot = freeSlots.pop() ?? ids.length;
      docTime[slot] = Number.isFinite(at) ? at : 0;
      const terms = new Int32Array(entries.length);
      const tfs = new Float32Array(entries.length);
      let length = 0;
      // Terms in id order, so that two stories' cosine is one merge of their lists.
      const withIds = entries.map(([term, tf]) => [termId(term), tf] as const).sort((a, b) => a[0] - b[0]);
      withIds.forEach(([t, tf], i) => {
        terms[i] = t;
        tfs[i] = tf;
        length += tf;
        insertPosting(postings[t]!, slot, tf);
        df[t] = (df[t] ?? 0) + 1;
      });
      ids[slot] = id;
      docTerms[slot] = terms;
      docNorms[slot] = -1;
      docTfs[slot] = tfs;
      docLength[slot] = length;
      slotOf.set(id, slot);
      live++;
      totalLength += length;
      livePostings += entries.length;
    },
    remove(id) {
      const slot = slotOf.get(id);
      if (slot === undefined) return false;
      generation++;
      const terms = docTerms[slot]!;
      for (const t of terms) df[t] = (df[t] ?? 1) - 1;
      slotOf.delete(id);
      ids[slot] = undefined;
      docTerms[slot] = undefined;
      docTfs[slot] = undefined;
      live--;
      totalLength -= docLength[slot] ?? 0;
      livePostings -= terms.length;
      deadPostings += terms.length;
      if (deadPostings > 64 && deadPostings * 4 > livePostings) compact();
      return true;
    },
    has: (id) => slotOf.has(id),
    get size() {
      return live;
    },
    queryOf(id, limit = opts.maxQueryTerms) {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : termVector(slot, limit, true);
    },
    queryFromCounts(counts) {
      const known = [...counts].filter(([term, tf]) => tf > 0 && termIds.has(term));
      const tfWeights = known.map(([, tf]) => 1 + Math.log(tf));
      const weights = known.map(([term], i) => tfWeights[i]! * idf(termIds.get(term)!));
      const order = Array.from(known.keys())
        .sort((x, y) => weights[y]! - weights[x]!)
        .slice(0, opts.maxQueryTerms);
      return {
        terms: Int32Array.from(order, (i) => termIds.get(known[i]![0])!),
        weights: Float64Array.from(order, (i) => tfWeights[i]!),
      };
    },
    search(query, { limit, skip, within }) {
      if (scores.length < ids.length) {
        scores = new Float64Array(Math.max(ids.length, scores.length * 2, 64));
        touched = new Int32Array(scores.length);
      }
      const avgLength = live > 0 ? totalLength / live : 1;
      const { k1, b } = opts;
      let count = 0;
      for (let q = 0; q < query.terms.length; q++) {
        const t = query.terms[q]!;
        const p = postings[t];
        if (!p || p.end === p.start) continue;
        const weight = query.weights[q]! * idf(t);
        const from = within ? positionOf(p, within.from, false) : p.start;
        const to = within ? positionOf(p, within.to, true) : p.end;
        postingsWalked += Math.max(0, to - from);
        for (let i = from; i < to; i++) {
          const slot = p.slots[i]!;
          const tf = p.tfs[i]!;
          const norm = k1 * (1 - b + (b * docLength[slot]!) / avgLength);
          if (scores[slot] === 0) touched[count++] = slot;
          scores[slot]! += (weight * tf * (k1 + 1)) / (tf + norm);
        }
      }
      // The best `limit`, best first (ties by id), kept as the scores are cleared: a story is
      // looked at only if it beats the last kept, so few are asked `skip` or made into hits.
      best.length = 0;
      bestSlots.length = 0;
      for (let i = 0; i < count; i++) {
        const slot = touched[i]!;
        const score = scores[slot]!;
        scores[slot] = 0;
        if (score <= 0 || (best.length === limit && score < best[limit - 1]!)) continue;
        const id = ids[slot];
        if (id === undefined || skip?.(id)) continue;
        let at = best.length;
        while (at > 0 && (best[at - 1]! < score || (best[at - 1] === score && ids[bestSlots[at - 1]!]! > id))) at--;
        if (at >= limit) continue;
        best.splice(at, 0, score);
        bestSlots.splice(at, 0, slot);
        if (best.length > limit) {
          best.pop();
          bestSlots.pop();
        }
      }
      return bestSlots.map((slot, i) => ({ id: ids[slot]!, score: best[i]! }));
    },
    cosine(a, b) {
      const x = slotOf.get(a);
      const y = slotOf.get(b);
      if (x === undefined || y === undefined) return 0;
      const tx = docTerms[x]!;
      const ty = docTerms[y]!;
      let dot = 0;
      let i = 0;
      let j = 0;
      while (i < tx.length && j < ty.length) {
        if (tx[i] === ty[j]) dot += tfidf(x, i++) * tfidf(y, j++);
        else if (tx[i]! < ty[j]!) i++;
        else j++;
      }
      const norms = normOf(x) * normOf(y);
      return norms > 0 ? dot / norms : 0;
    },
    get postingsWalked() {
      return postingsWalked;
    },
  };
  return index;
}

/** The `limit` highest scores, best first (ties by id, so results are stable). */
export function selectTop(hits: ScoredId[], limit: number): ScoredId[] {
  const byScore = (x: ScoredId, y: ScoredId) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  if (hits.length <= limit * 4) return hits.sort(byScore).slice(0, limit);
  // Keep a sorted window of the best `limit`: cheaper than sorting thousands of candidates.
  const best: ScoredId[] = [];
  for (const hit of hits) {
    if (best.length === limit && byScore(hit, best[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byScore(best[mid]!, hit) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, hit);
    if (best.length > limit) best.pop();
  }
  return best;
}
