import type { Story } from '../core/story.js';
import { storyText } from './story-text.js';
import { defaultFieldWeights, termCounts } from './term-counts.js';
import { createStemCache } from './tokenize.js';

/** One memo of stems for every story the process indexes: a news vocabulary repeats. */
const stems = createStemCache();

/**
 * The terms a story is compared by for "Recommended for you": the same words, stems and
 * subject terms as "Read also" (term-counts.ts, tokenize.ts), over the start of the body only:
 * the start says what it is about, and a long body would only cost time.
 */
export function storyTerms(story: Story): Map<string, number> {
  const text = storyText(story, { bodyChars: 1200 });
  return termCounts(text, defaultFieldWeights, stems);
}

/** A sparse L2-normalised vector: parallel arrays of term ids and weights. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

/** The term dictionary and document frequencies that vectors are weighted by (TF-IDF). */
export interface TermSpace {
  idOf(term: string): number;
  /** Counts a document's distinct terms; returns their ids. */
  addDocument(terms: Iterable<string>): Int32Array;
  removeDocument(termIds: Int32Array): void;
  vector(counts: Map<string, number>, maxTerms: number): SparseVector;
  /** The same for term ids (as `addDocument` returns them) with their counts in the same order: no term is looked up again. */
  vectorOfIds(termIds: ArrayLike<number>, tfs: ArrayLike<number>, maxTerms: number): SparseVector;
  /** Distinct terms seen so far. */
  readonly size: number;
}

export function createTermSpace(): TermSpace {
  const ids = new Map<string, number>();
  const df: number[] = [];
  let docs = 0;
  const idOf = (term: string) => {
    let id = ids.get(term);
    if (id === undefined) {
      id = df.length;
      ids.set(term, id);
      df.push(0);
    }
    return id;
  };
  return {
    idOf,
    get size() {
      return df.length;
    },
    addDocument(terms) {
      docs++;
      const out: number[] = [];
      for (const t of terms) {
        const id = idOf(t);
        df[id] = (df[id] ?? 0) + 1;
        out.push(id);
      }
      return Int32Array.from(out);
    },
    removeDocument(termIds) {
      docs = Math.max(0, docs - 1);
      for (const id of termIds) df[id] = Math.max(0, (df[id] ?? 0) - 1);
    },
    vector(counts, maxTerms) {
      return vectorOfIds(Array.from(counts.keys(), idOf), [...counts.values()], maxTerms);
    },
    vectorOfIds,
  };

  /** (1 + ln tf) · (ln((N + 1) / (df + 1)) + 1), the strongest `maxTerms`, L2-normalised, ids ascending. */
  function vectorOfIds(termIds: ArrayLike<number>, tfs: ArrayLike<number>, maxTerms: number): SparseVector {
    const weighted: Array<[number, number]> = [];
    for (let i = 0; i < termIds.length; i++) {
      const id = termIds[i] as number;
      const idf = Math.log((docs + 1) / ((df[id] ?? 0) + 1)) + 1;
      weighted.push([id, (1 + Math.log(tfs[i] as number)) * idf]);
    }
    weighted.sort((a, b) => b[1] - a[1]);
    const top = weighted.slice(0, maxTerms);
    const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
    top.sort((a, b) => a[0] - b[0]);
    return { terms: Int32Array.from(top.map(([id]) => id)), weights: Float32Array.from(top.map(([, w]) => w / norm)) };
  }
}

/** Cosine of two normalised sparse vectors (term ids sorted ascending). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i] as number;
    const tb = b.terms[j] as number;
    if (ta === tb) {
      sum += (a.weights[i] as number) * (b.weights[j] as number);
      i++;
      j++;
    } else if (ta < tb) i++;
    else j++;
  }
  return sum;
}
