import type { MindNews } from './mind-format.js';
import { createTermSpace, type SparseVector } from './term-vector.js';
import { createStemCache, tokenize } from './tokenize.js';

/**
 * What the text of `news.tsv` says about a reader's tastes, for the replay ranker: how close
 * each candidate is to what the reader clicked, by section and by words. News without text
 * contribute nothing, so a log with an empty `news.tsv` gets zeros everywhere.
 */
export interface ReaderContent {
  /**
   * For each candidate, in order: the share of the reader's clicks (those `news.tsv` gives a
   * category) in its category, the same for its subcategory, and the cosine of its TF-IDF
   * vector to the reader's profile (the sum of the vectors of the clicks).
   */
  affinities(clicked: readonly string[], candidates: readonly string[]): ContentAffinity[];
}

export interface ContentAffinity {
  category: number;
  subcategory: number;
  text: number;
}

/** Title words count twice, as do entities (MIND's Wikidata links): both say what a story is about. */
const titleWeight = 2;
const entityWeight = 2;
const maxTerms = 48;

/** The terms of one news row: stemmed title and abstract words, and `entity Q…` terms. */
export function newsTerms(row: MindNews, stems = createStemCache(1000)): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  for (const w of tokenize(row.title, { stems })) add(w, titleWeight);
  for (const w of tokenize(row.abstract, { stems })) add(w, 1);
  for (const e of row.entities) add(`entity ${e}`, entityWeight);
  return counts;
}

export function createReaderContent(news: ReadonlyMap<string, MindNews>): ReaderContent {
  // IDF over the whole catalogue: the texts are the newsroom's, not the readers' clicks. Terms
  // become ids once, as they are counted (term-vector.ts), and are weighted by those ids once all
  // are counted: looking strings up twice was most of the cost.
  const stems = createStemCache();
  const space = createTermSpace();
  const counted: Array<[string, Int32Array, number[]]> = [];
  for (const row of news.values()) {
    const terms = newsTerms(row, stems);
    if (terms.size > 0) counted.push([row.id, space.addDocument(terms.keys()), [...terms.values()]]);
  }
  const vectors = new Map<string, SparseVector>();
  for (const [id, ids, tfs] of counted) vectors.set(id, space.vectorOfIds(ids, tfs, maxTerms));
  // The reader's profile, dense over term ids and cleared after each call: a Map per impression
  // cost more than the rest of the replay.
  const profile = new Float64Array(space.size);
  const touched: number[] = [];

  return {
    affinities(clicked, candidates) {
      const categories = new Map<string, number>();
      const subcategories = new Map<string, number>();
      let known = 0;
      for (const id of new Set(clicked)) {
        const row = news.get(id);
        if (row?.category) {
          known++;
          categories.set(row.category, (categories.get(row.category) ?? 0) + 1);
          if (row.subcategory) subcategories.set(row.subcategory, (subcategories.get(row.subcategory) ?? 0) + 1);
        }
        const v = vectors.get(id);
        if (!v) continue;
        for (let i = 0; i < v.terms.length; i++) {
          const t = v.terms[i] as number;
          if (profile[t] === 0) touched.push(t);
          profile[t] = (profile[t] as number) + (v.weights[i] as number);
        }
      }
      let norm = 0;
      for (const t of touched) norm += (profile[t] as number) ** 2;
      norm = Math.sqrt(norm);
      const out = candidates.map((c) => {
        const row = news.get(c);
        const share = (counts: Map<string, number>, key: string | undefined) => (known === 0 || !key ? 0 : (counts.get(key) ?? 0) / known);
        let text = 0;
        const v = vectors.get(c);
        if (v && norm > 0) {
          for (let i = 0; i < v.terms.length; i++) text += (v.weights[i] as number) * (profile[v.terms[i] as number] as number);
          text /= norm;
        }
        return { category: share(categories, row?.category), subcategory: share(subcategories, row?.subcategory), text };
      });
      for (const t of touched) profile[t] = 0;
      touched.length = 0;
      return out;
    },
  };
}
