import { stemmer } from '@orama/stemmers/english';
import { englishStopWords } from './stop-words.js';

export interface TokenizeOptions {
  /** BCP 47 tag of the text; English words are stemmed (Porter) and English stop words dropped. */
  language?: string;
  /** A memo of stems (createStemCache): the Porter stemmer is most of the cost of tokenising. */
  stems?: StemCache;
}

export type StemCache = (word: string) => string;

/** The Porter stem of a word, remembered: a news vocabulary repeats. Bounded, cleared when full. */
export function createStemCache(maxEntries = 100_000): StemCache {
  const stems = new Map<string, string>();
  return (word) => {
    let stem = stems.get(word);
    if (stem === undefined) {
      if (stems.size >= maxEntries) stems.clear();
      stem = stemmer(word);
      stems.set(word, stem);
    }
    return stem;
  };
}

// A word: letters and digits, with inner apostrophes, dots, hyphens or ampersands ("U.S.", "co-op", "AT&T").
const wordPattern = /[\p{L}\p{N}]+(?:[.'’&-][\p{L}\p{N}]+)*\.?/gu;
const marks = /\p{M}/gu;
const nonAscii = /[\u0080-\uffff]/;
const digitsOnly = /^\p{N}+$/u;
// Scripts written without spaces between words: indexed as overlapping character pairs.
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const abbreviation = /^(?:\p{L}\.){2,}$/u;

function isEnglish(language: string | undefined): boolean {
  return language === undefined || language === '' || /^en\b/i.test(language);
}

function pushWord(out: string[], word: string, english: boolean, stem: StemCache): void {
  if (word.length === 0) return;
  if (digitsOnly.test(word)) {
    // Years name events ("1987"); other figures are noise between stories (a shape word for
    // them lowered precision on Reuters-21578).
    if (word.length === 4 && (word.startsWith('19') || word.startsWith('20'))) out.push(word);
    return;
  }
  if (word.length === 1) return;
  if (english && englishStopWords.has(word)) return;
  if (unspaced.test(word)) {
    const chars = [...word];
    if (chars.length === 1) out.push(word);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    return;
  }
  out.push(english && !nonAscii.test(word) && word.length > 3 ? stem(word) : word);
}

/**
 * Words of a text for similarity: lower-cased, accents folded, stop words dropped and English
 * words stemmed, so "Rescuers", "rescue" and "rescued" meet. Pure and Unicode-aware: any
 * script that separates words with spaces works; Chinese, Japanese and Thai become character pairs.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const english = isEnglish(options.language);
  const stem = options.stems ?? stemmer;
  const lower = text.toLowerCase();
  const folded = nonAscii.test(lower) ? lower.normalize('NFKD').replace(marks, '').normalize('NFC') : lower;
  const out: string[] = [];
  for (const match of folded.matchAll(wordPattern)) {
    let word = match[0];
    if (abbreviation.test(word)) {
      pushWord(out, word.replace(/\./g, ''), english, stem);
      continue;
    }
    if (word.endsWith('.')) word = word.slice(0, -1);
    // Possessive: "Chile's" is "Chile".
    if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
    if (/[.'’&-]/.test(word)) {
      for (const part of word.split(/[.'’&-]+/)) pushWord(out, part, english, stem);
    } else {
      pushWord(out, word, english, stem);
    }
  }
  return out;
}
