import { defaultFieldWeights, termCounts } from '../term-counts.js';
import { createTextIndex, type TermCounts, type TextIndexOptions } from '../text-index.js';
import { createStemCache } from '../tokenize.js';
import { createCosineRanker, createRandomRanker, type Ranker } from './related-baselines.js';
import { meanPrecision, type RelatedScores } from './related-metrics.js';
import type { ReutersDoc } from './reuters.js';

export interface RelatedEvaluation {
  corpus: number;
  queries: number;
  lede: RelatedScores;
  /** Same-run baselines: tf·idf cosine over the same words, and a seeded random ranking. */
  baselines?: { cosine: RelatedScores; random: RelatedScores };
}

/**
 * "Read also" on Reuters-21578: the corpus is every story with a topic and some text, the
 * queries those of the TEST split; each query ranks the whole corpus but itself on headline and
 * body text alone, with the index and field weights the site uses (subjects left out: TOPICS,
 * PLACES and the other lists are the labels, never an input).
 */
export function evaluateRelated(
  docs: readonly ReutersDoc[],
  options: { index?: Partial<TextIndexOptions>; withBaselines?: boolean } = {},
): RelatedEvaluation {
  const corpus = docs.filter((d) => d.topics.length > 0 && (d.title.length > 0 || d.body.length > 0));
  const queries = corpus.filter((d) => d.split === 'TEST');
  const index = createTextIndex(options.index);
  const topicsOf = new Map<string, string[]>();
  const countsOf = new Map<string, TermCounts>();
  const weights = { ...defaultFieldWeights, subject: 0 };
  const stems = createStemCache();
  for (const doc of corpus) {
    const id = String(doc.newId);
    const counts = termCounts({ headline: doc.title, body: doc.body, language: 'en' }, weights, stems);
    topicsOf.set(id, doc.topics);
    countsOf.set(id, counts);
    index.add(id, counts);
  }
  const lede: Ranker = (id, limit) => {
    const query = index.queryOf(id);
    return query ? index.search(query, { limit, skip: (other) => other === id }).map((hit) => hit.id) : [];
  };
  const score = (ranker: Ranker) =>
    meanPrecision(
      queries.map((doc) => ({ topics: doc.topics, ranked: ranker(String(doc.newId), 10).map((id) => topicsOf.get(id) ?? []) })),
    );
  const result: RelatedEvaluation = { corpus: corpus.length, queries: queries.length, lede: score(lede) };
  if (options.withBaselines) {
    result.baselines = { cosine: score(createCosineRanker(countsOf)), random: score(createRandomRanker([...topicsOf.keys()])) };
  }
  return result;
}
