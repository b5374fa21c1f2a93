import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Whether golden snapshots are rewritten instead of compared: `LEDE_UPDATE_GOLDEN=1`. Only test
 * helpers read it (the server's config ignores LEDE_UPDATE_* keys).
 */
export const updatingGolden = (): boolean => process.env.LEDE_UPDATE_GOLDEN === '1';

/** A line diff of two texts (longest common subsequence), `-` for expected, `+` for actual, with context. */
export function lineDiff(expected: string, actual: string, context = 3): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Common head and tail first: the table is only built for the part that differs.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const lcs: Uint32Array[] = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Array<[' ' | '-' | '+', string]> = a.slice(0, head).map((l) => [' ', l] as [' ', string]);
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      ops.push([' ', x[i]!]);
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push(['+', y[j++]!]);
    else ops.push(['-', x[i++]!]);
  }
  for (const l of a.slice(a.length - tail)) ops.push([' ', l]);
  const keep = ops.map((_, k) => ops.slice(Math.max(0, k - context), k + context + 1).some(([op]) => op !== ' '));
  const out: string[] = [];
  ops.forEach(([op, line], k) => {
    if (keep[k]) out.push(`${op} ${line}`);
    else if (keep[k - 1]) out.push('  …');
  });
  return out.join('\n');
}

/**
 * Compares `actual` (already serialised) with the golden file at `path`, or writes it under
 * LEDE_UPDATE_GOLDEN=1. Returns undefined when they match (or after writing), else the message
 * with the diff.
 */
export function checkGolden(path: string, actual: string, label: string): string | undefined {
  if (updatingGolden()) {
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path) || readFileSync(path, 'utf8') !== actual) writeFileSync(path, actual);
    return undefined;
  }
  if (!existsSync(path)) return `${label}: no golden snapshot at ${path} (run with LEDE_UPDATE_GOLDEN=1 to write it)`;
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) return undefined;
  return [
    `${label}: the normalised items differ from the golden snapshot ${path}`,
    '(- golden, + now; if the change is intended, review it and run with LEDE_UPDATE_GOLDEN=1)',
    lineDiff(expected, actual),
  ].join('\n');
}
