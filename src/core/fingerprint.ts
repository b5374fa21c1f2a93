/**
 * Near-duplicate fingerprint of a story's text: a 64-bit SimHash (Charikar 2002) over word
 * 3-shingles of the normalised text. The same story from two agencies, lightly rewritten,
 * gets fingerprints a few bits apart; unrelated stories differ in about half the bits.
 * Deterministic across processes and engines, so it can be stored and compared later
 * (the recommendations issue clusters on it).
 */
const shingleSize = 3;
const nonAscii = /[\u0080-\uffff]/;

/** Lower case, no accents, no punctuation: what agencies change between rewrites does not count. */
export function normaliseForFingerprint(text: string): string[] {
  const lower = text.toLowerCase();
  // Decomposing is only needed to drop accents; most wire copy is plain ASCII.
  const plain = nonAscii.test(lower) ? lower.normalize('NFKD').replace(/\p{M}/gu, '') : lower;
  return plain.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** A 32-bit avalanche (murmur3's finaliser): one changed input bit flips about half the output. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** FNV-1a of a word, 32 bits, with a seed: two seeds give the 64 bits. */
function wordHash(word: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return mix(hash);
}

/** Order matters: "a b c" and "c b a" are different shingles. */
function shingleHash(hashes: Uint32Array, from: number, to: number, seed: number): number {
  let hash = seed;
  for (let i = from; i < to; i++) hash = mix(Math.imul(hash ^ hashes[i]!, 0x01000193) + i - from);
  return hash;
}

function addBits(weights: Int32Array, offset: number, hash: number): void {
  for (let bit = 0; bit < 32; bit++) weights[offset + bit]! += ((hash >>> bit) & 1) * 2 - 1;
}

/**
 * Only the beginning of a text counts: 64 Ki characters, some 10,000 words. A wire story (300 to
 * 3,000 words) and even a long feature fit whole, so their fingerprints are those of all their
 * text; a rewrite of the same story shares its beginning, and every word past the first few
 * thousand only thins out the shingles that tell two stories apart. Without the bound a 19 MB
 * body (under the push limit) took seconds of the storing thread for a value no better.
 */
export const fingerprintTextLimit = 64 * 1024;

/** The first `fingerprintTextLimit` characters of `text`, ending at a white space so that no word is cut. */
function fingerprintedPart(text: string): string {
  if (text.length <= fingerprintTextLimit) return text;
  let end = fingerprintTextLimit; // text[end] is the first character left out
  while (end > 0 && !/\s/.test(text[end]!)) end--;
  return text.slice(0, end > 0 ? end : fingerprintTextLimit);
}

/** 16 hex digits; `undefined` when the text has no words. Only the first `fingerprintTextLimit` characters count. */
export function textFingerprint(text: string): string | undefined {
  const words = normaliseForFingerprint(fingerprintedPart(text));
  if (words.length === 0) return undefined;
  // Each word is hashed once; a shingle's hash combines its words' hashes.
  const low = new Uint32Array(words.length);
  const high = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    low[i] = wordHash(words[i]!, 0);
    high[i] = wordHash(words[i]!, 0x9e3779b9);
  }
  const weights = new Int32Array(64);
  const size = Math.min(shingleSize, words.length);
  for (let i = 0; i + size <= words.length; i++) {
    addBits(weights, 0, shingleHash(low, i, i + size, 0x2545f491));
    addBits(weights, 32, shingleHash(high, i, i + size, 0x61c88647));
  }
  let hex = '';
  for (let nibble = 15; nibble >= 0; nibble--) {
    let value = 0;
    for (let b = 3; b >= 0; b--) value = (value << 1) | (weights[nibble * 4 + b]! > 0 ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Number of differing bits between two fingerprints (0–64). */
export function fingerprintDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

/** At most this many differing bits: the same story, rewritten or trimmed. */
export const nearDuplicateDistance = 10;
