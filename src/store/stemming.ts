/**
 * Word stems for search on SQLite, whose FTS5 has only an English stemmer (porter): each
 * story's words are stemmed in its own language with the Snowball stemmers of
 * `@orama/stemmers`, and a reader's query in every language the site carries (a query has no
 * language of its own). PostgreSQL stems with its own text search configurations.
 */

type Stem = (word: string) => string;

/** BCP 47 primary language → `@orama/stemmers` module. The README lists these as stemmed. */
const modules: Record<string, string> = {
  ar: 'arabic',
  bg: 'bulgarian',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  tr: 'turkish',
  uk: 'ukrainian',
};

export const stemmedLanguages = Object.keys(modules);

const primary = (language: string) => language.toLowerCase().split('-')[0] ?? '';

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
    const name = modules[primary(language)];
    if (!name) return Promise.resolve(undefined);
    let stemmer = loaded.get(name);
    if (!stemmer) {
      stemmer = import(`@orama/stemmers/${name}`).then((module: { stemmer: Stem }) => ({ stem: module.stemmer, memo: new Map() }));
      loaded.set(name, stemmer);
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
      for (const language of new Set(languages.map(primary))) {
        const stemmer = await stemmerFor(language);
        const stem = stemmer ? stemWith(stemmer, lower) : lower;
        if (stem) stems.add(stem);
      }
      stems.add(lower);
      return [...stems];
    },
  };
}
