import type { Story } from '../core/story.js';
import { htmlToText } from '../core/text.js';

const stopwords = new Set(
  (
    'the and for are but not you all any can had her was one our out has him his how its may new now old see two way who did get let put say she too use ' +
    'that with have this will your from they been were said what when which their there than then them these those would could should about after ' +
    'also into over more most some such only other very just like because while where being before under again against between through during ' +
    'les des une est pour par sur dans qui que avec pas plus del los las por con una para como sus der die das und mit von den ist'
  ).split(' '),
);

/** Lower-case word tokens of three letters or more, stop words dropped; any script. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 3 || stopwords.has(word)) continue;
    const first = word.charCodeAt(0);
    // Numbers alone (years, scores) say little about the topic.
    if (first >= 48 && first <= 57 && /^\d+$/.test(word)) continue;
    out.push(word);
  }
  return out;
}

/** The text a story is compared by: the headline twice, standfirst, tags, and the start of the body. */
export function storyTerms(story: Pick<Story, 'headline' | 'standfirst' | 'tags' | 'bodyHtml'>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + weight);
  };
  add(story.headline, 2);
  add(story.standfirst ?? '', 1);
  add(story.tags.join(' '), 2);
  // The start of the body says what it is about; a long body would only cost time.
  add(htmlToText(story.bodyHtml.slice(0, 2400)).slice(0, 1200), 1);
  return counts;
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
      const weighted: Array<[number, number]> = [];
      for (const [term, tf] of counts) {
        const id = idOf(term);
        const idf = Math.log((docs + 1) / ((df[id] ?? 0) + 1)) + 1;
        weighted.push([id, (1 + Math.log(tf)) * idf]);
      }
      weighted.sort((a, b) => b[1] - a[1]);
      const top = weighted.slice(0, maxTerms);
      const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
      top.sort((a, b) => a[0] - b[0]);
      return { terms: Int32Array.from(top.map(([id]) => id)), weights: Float32Array.from(top.map(([, w]) => w / norm)) };
    },
  };
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
