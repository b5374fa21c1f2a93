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
  // IDF over the whole catalogue: the texts are the newsroom's, not the readers' clicks.
  const space = createTermSpace();
  const stems = createStemCache();
  const termsOf = new Map<string, Map<string, number>>();
  for (const row of news.values()) {
    const terms = newsTerms(row, stems);
    if (terms.size === 0) continue;
    termsOf.set(row.id, terms);
    space.addDocument(terms.keys());
  }
  const vectors = new Map<string, SparseVector>();
  for (const [id, terms] of termsOf) vectors.set(id, space.vector(terms, maxTerms));
  termsOf.clear();

  return {
    affinities(clicked, candidates) {
      const categories = new Map<string, number>();
      const subcategories = new Map<string, number>();
      const profile = new Map<number, number>();
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
          profile.set(t, (profile.get(t) ?? 0) + (v.weights[i] as number));
        }
      }
      let norm = 0;
      for (const w of profile.values()) norm += w * w;
      norm = Math.sqrt(norm);
      return candidates.map((c) => {
        const row = news.get(c);
        const share = (counts: Map<string, number>, key: string | undefined) => (known === 0 || !key ? 0 : (counts.get(key) ?? 0) / known);
        let text = 0;
        const v = vectors.get(c);
        if (v && norm > 0) {
          for (let i = 0; i < v.terms.length; i++) text += (v.weights[i] as number) * (profile.get(v.terms[i] as number) ?? 0);
          text /= norm;
        }
        return { category: share(categories, row?.category), subcategory: share(subcategories, row?.subcategory), text };
      });
    },
  };
}
