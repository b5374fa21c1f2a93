/**
 * Near-duplicate fingerprint of a story's text: a 64-bit SimHash (Charikar 2002) over word
 * 3-shingles of the normalised text. The same story from two agencies, lightly rewritten,
 * gets fingerprints a few bits apart; unrelated stories differ in about half the bits.
 * Deterministic across processes and engines, so it can be stored and compared later
 * (the recommendations issue clusters on it).
 */
const shingleSize = 3;

/** Lower case, no accents, no punctuation: what agencies change between rewrites does not count. */
export function normaliseForFingerprint(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** FNV-1a, 32 bits, with a seed: two seeds give the 64 bits of one shingle's hash. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche, so that shingles differing in one letter spread over all bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** 16 hex digits; `undefined` when the text has no words. */
export function textFingerprint(text: string): string | undefined {
  const words = normaliseForFingerprint(text);
  if (words.length === 0) return undefined;
  const shingles: string[] = [];
  if (words.length < shingleSize) shingles.push(words.join(' '));
  for (let i = 0; i + shingleSize <= words.length; i++) shingles.push(words.slice(i, i + shingleSize).join(' '));
  const weights = new Array<number>(64).fill(0);
  for (const shingle of shingles) {
    const halves = [fnv1a(shingle, 0), fnv1a(shingle, 0x9e3779b9)];
    for (let bit = 0; bit < 64; bit++) {
      const half = halves[bit >> 5]!;
      weights[bit]! += (half >>> (bit & 31)) & 1 ? 1 : -1;
    }
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
