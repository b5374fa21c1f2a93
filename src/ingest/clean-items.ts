import { LedeError } from '../core/errors.js';
import type { Ninjs } from '../core/ninjs.js';

// C0 controls but tab, LF and CR: invisible, refused by XML 1.0, and PostgreSQL cannot
// store NUL in text at all (a push answered 500, `lede ingest` crashed with a stack trace).
const control = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]';
// A high surrogate not followed by a low one, or a low one not preceded by a high one:
// not valid UTF-16, so neither UTF-8 (PostgreSQL) nor JSON readers accept it.
const loneSurrogate = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const unclean = new RegExp(`${control}|${loneSurrogate}`);

/** Whether `text` holds what `scrubText` would change. */
export const needsScrub = (text: string): boolean => unclean.test(text);

/** Drops control characters (not tab, LF, CR) and replaces lone surrogates with U+FFFD. */
export const scrubText = (text: string): string =>
  text.replace(new RegExp(control, 'g'), '').replace(new RegExp(loneSurrogate, 'g'), '\ufffd');

/** Scrubs every string of `value`, collecting where each changed one sits (`headlines[0].value`, `keywords[2]`). */
function cleanValue(value: unknown, path: string, found: string[]): unknown {
  if (typeof value === 'string') {
    if (!needsScrub(value)) return value;
    found.push(path);
    return scrubText(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => cleanValue(v, `${path}[${i}]`, found));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = cleanValue(v, path ? `${path}.${key}` : key, found);
    return out;
  }
  return value;
}

/**
 * The ingest boundary: every item parsed from outside passes here before anything else sees
 * it, whatever the transport (CLI, push, watch folder, feed poll). Text is cleaned and each
 * change is told through `warn` (`FILE: URI: …`); a uri with such characters is not a uri we
 * can key a story on, so the file is refused.
 */
export function cleanItems(items: Ninjs[], context: { filename: string; warn?: (message: string) => void }): Ninjs[] {
  return items.map((item, index) => {
    const uris = [item.uri, ...(item.associations ?? []).map((a) => a.uri)];
    if (uris.some((uri) => typeof uri === 'string' && needsScrub(uri))) {
      const shown = JSON.stringify(item.uri).slice(1, -1);
      throw new LedeError(
        'LEDE_INGEST_FIELD',
        `${context.filename}: item ${index + 1}: a \`uri\` ("${shown}") holds a control character or an invalid UTF-16 surrogate`,
        { details: { file: context.filename, field: 'uri' } },
      );
    }
    const found: string[] = [];
    const cleaned = cleanValue(item, '', found) as Ninjs;
    if (found.length > 0) {
      context.warn?.(
        `${context.filename}: ${item.uri}: removed control characters or replaced invalid UTF-16 surrogates in ${found.join(', ')}`,
      );
    }
    return cleaned;
  });
}
