import type { TermCounts } from './text-index.js';
import { type StemCache, type TokenizeOptions, tokenize } from './tokenize.js';

/** How much a word counts in each part of a story: the headline says what it is about. */
export interface FieldWeights {
  headline: number;
  standfirst: number;
  body: number;
  /** Each subject code, as one feature term. */
  subject: number;
}

export const defaultFieldWeights: FieldWeights = { headline: 2, standfirst: 1.5, body: 1, subject: 2 };

/** Only the first words of a long body count: the news is at the top, and the cost stays bounded. */
export const maxBodyWords = 1500;

export interface StoryText {
  headline: string;
  standfirst?: string;
  body: string;
  /** Subject codes (`medtop:…`, tags): features matched only with each other, never with words. */
  subjects?: string[];
  language?: string;
}

/** A subject as a term: with a space, which no word holds, so that a subject never meets a word. */
export const subjectTerm = (subject: string) => `subject ${subject.toLowerCase()}`;
export const isSubjectTerm = (term: string) => term.startsWith('subject ');

/** The weighted term counts of a story, ready for the text index. */
export function termCounts(story: StoryText, weights: FieldWeights = defaultFieldWeights, stems?: StemCache): TermCounts {
  const counts: TermCounts = new Map();
  const options: TokenizeOptions = { language: story.language, stems };
  const addAll = (terms: string[], weight: number) => {
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  addAll(tokenize(story.headline, options), weights.headline);
  if (story.standfirst) addAll(tokenize(story.standfirst, options), weights.standfirst);
  addAll(tokenize(story.body, options).slice(0, maxBodyWords), weights.body);
  for (const subject of new Set(story.subjects ?? [])) counts.set(subjectTerm(subject), weights.subject);
  return counts;
}
