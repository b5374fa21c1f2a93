/**
 * Word stems for search on SQLite, whose FTS5 has only an English stemmer (porter): each
 * story's words are stemmed in its own language with the Snowball stemmers of
 * `@orama/stemmers`, and a reader's query in every language the site carries (a query has no
 * language of its own). PostgreSQL stems with its own text search configurations.
 */

import { primaryLanguage } from '../core/story.js';

type Stem = (word: string) => string;

/** BCP 47 primary language → its Snowball stemmer, loaded on first use. The README lists these as stemmed. */
const loaders: Record<string, () => Promise<{ stemmer: Stem }>> = {
  ar: () => import('@orama/stemmers/arabic'),
  bg: () => import('@orama/stemmers/bulgarian'),
  da: () => import('@orama/stemmers/danish'),
  de: () => import('@orama/stemmers/german'),
  el: () => import('@orama/stemmers/greek'),
  en: () => import('@orama/stemmers/english'),
  es: () => import('@orama/stemmers/spanish'),
  fi: () => import('@orama/stemmers/finnish'),
  fr: () => import('@orama/stemmers/french'),
  ga: () => import('@orama/stemmers/irish'),
  hu: () => import('@orama/stemmers/hungarian'),
  id: () => import('@orama/stemmers/indonesian'),
  it: () => import('@orama/stemmers/italian'),
  lt: () => import('@orama/stemmers/lithuanian'),
  nb: () => import('@orama/stemmers/norwegian'),
  nl: () => import('@orama/stemmers/dutch'),
  nn: () => import('@orama/stemmers/norwegian'),
  no: () => import('@orama/stemmers/norwegian'),
  pt: () => import('@orama/stemmers/portuguese'),
  ro: () => import('@orama/stemmers/romanian'),
  ru: () => import('@orama/stemmers/russian'),
  sr: () => import('@orama/stemmers/serbian'),
  sv: () => import('@orama/stemmers/swedish'),
  tr: () => import('@orama/stemmers/turkish'),
  uk: () => import('@orama/stemmers/ukrainian'),
};

export const stemmedLanguages = Object.keys(loaders);

/** Words as FTS5's unicode61 tokenizer sees them: letters, marks and digits. */
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

/** Memoised per language (news repeats its words); cleared when full rather than tracked as LRU. */
const memoLimit = 100_000;

export interface Stemmer {
  /** The distinct stems of `text` in `language` that differ from their word, space-separated (empty when none or unstemmed). */
  stemsOf(text: string, language: string): Promise<string>;
  /** The stems of one query word in each of `languages` that differ from the word. */
  queryStems(word: string, languages: readonly string[]): Promise<string[]>;
}

export function createStemmer(): Stemmer {
  const loaded = new Map<string, Promise<{ stem: Stem; memo: Map<string, string> } | undefined>>();

  const stemmerFor = (language: string) => {
    const key = primaryLanguage(language);
    const load = Object.hasOwn(loaders, key) ? loaders[key] : undefined;
    if (!load) return Promise.resolve(undefined);
    let stemmer = loaded.get(key);
    if (!stemmer) {
      stemmer = load().then((module) => ({ stem: module.stemmer, memo: new Map<string, string>() }));
      loaded.set(key, stemmer);
    }
    return stemmer;
  };

  const stemWith = (stemmer: { stem: Stem; memo: Map<string, string> }, word: string) => {
    let stem = stemmer.memo.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word);
      if (stemmer.memo.size >= memoLimit) stemmer.memo.clear();
      stemmer.memo.set(word, stem);
    }
    return stem;
  };

  return {
    async stemsOf(text, language) {
      const stemmer = await stemmerFor(language);
      if (!stemmer) return '';
      const stems = new Set<string>();
      for (const word of new Set(wordsOf(text))) {
        const stem = stemWith(stemmer, word);
        if (stem && stem !== word) stems.add(stem);
      }
      return [...stems].join(' ');
    },
    async queryStems(word, languages) {
      const lower = word.toLowerCase();
      const stems = new Set<string>();
      for (const language of new Set(languages.map(primaryLanguage))) {
        const stemmer = await stemmerFor(language);
        const stem = stemmer ? stemWith(stemmer, lower) : lower;
        if (stem) stems.add(stem);
      }
      stems.add(lower);
      return [...stems];
    },
  };
}
