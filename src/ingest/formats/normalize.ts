import { createHash } from 'node:crypto';
import { LedeError } from '../../core/errors.js';
import type { NinjsConcept } from '../../core/ninjs.js';
import { cleanText } from '../../core/text.js';

/** Drops `null`, `undefined`, `""` and `[]` recursively: the contract never writes them. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(compact).filter((v) => !isEmpty(v)) as T;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const c = compact(v);
      if (!isEmpty(c)) out[key] = c;
    }
    return out as T;
  }
  return typeof value === 'string' ? (value as T) : value;
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)
  );
}

export function optionalText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = cleanText(value);
  return text === '' ? undefined : text;
}

// Building an Intl.DateTimeFormat costs about a millisecond, more than the rest of a small
// NITF file: one per time zone is kept (a pure memo, the same answer for the same zone).
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch (error) {
      throw new LedeError('LEDE_CONFIG_INVALID', `time zone "${timeZone}" is not known (expected an IANA name such as Europe/Oslo)`, {
        details: { field: 'timezone', value: timeZone },
        cause: error,
      });
    }
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` at the given UTC instant, in minutes. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60000);
}

const isoLike = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a source datetime (ISO extended or basic, space for T, with or without offset) and
 * writes RFC 3339 UTC with `Z` (INGEST-CONTRACT §4). A time without offset is read in `timeZone`.
 */
export function normalizeDate(value: unknown, options: { field: string; file: string; timeZone?: string }): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  const m = isoLike.exec(text);
  let ms: number;
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
    const localMs = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      frac ? Math.round(Number(frac) * 1000) : 0,
    );
    if (zone) {
      const offset = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      ms = localMs - offset * 60000;
    } else {
      const tz = options.timeZone ?? 'UTC';
      ms = localMs - zoneOffsetMinutes(localMs - zoneOffsetMinutes(localMs, tz) * 60000, tz) * 60000;
    }
  } else {
    ms = Date.parse(text);
  }
  if (Number.isNaN(ms)) {
    throw new LedeError('LEDE_INGEST_FIELD', `${options.file}: \`${options.field}\` "${text}" is not a date and time`, {
      details: { file: options.file, field: options.field, value: text },
      help: 'expected ISO 8601 / RFC 3339, e.g. 2024-03-05T09:40:31Z',
    });
  }
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/**
 * `normalizeDate` for a time read only as a last resort (a message's sent time standing in for an
 * item's missing `versioncreated`): a malformed one is reported through `warn` and gives no value,
 * so it cannot fail an item that was fine without it.
 */
export function fallbackDate(
  value: unknown,
  options: { field: string; file: string; timeZone?: string; warn?: (message: string) => void },
): string | undefined {
  try {
    return normalizeDate(value, options);
  } catch (error) {
    if (!(error instanceof LedeError)) throw error;
    options.warn?.(error.message);
    return undefined;
  }
}

const iptcSchemes: Record<string, string> = {
  subj: 'http://cv.iptc.org/newscodes/subjectcode/',
  medtop: 'http://cv.iptc.org/newscodes/mediatopic/',
};

/**
 * A concept (`subjects`, `genres`, `places`…) from a `scheme:code` literal: IPTC subject
 * codes and media topics also get their concept URI (INGEST-CONTRACT §8); agency schemes keep
 * their literal only, unless the source gives a `uri` of its own.
 */
export function conceptOf(input: { literal?: string; name?: string; uri?: string }): NinjsConcept | undefined {
  const literal = optionalText(input.literal);
  const name = optionalText(input.name);
  const colon = literal?.indexOf(':') ?? -1;
  const base = literal && colon > 0 ? iptcSchemes[literal.slice(0, colon).toLowerCase()] : undefined;
  const uri = base ? base + literal!.slice(colon + 1) : optionalText(input.uri);
  if (!literal && !name && !uri) return undefined;
  return compact({ uri, literal, name });
}

/** Drops later concepts with the same literal (or, without one, the same name). */
export function uniqueConcepts(concepts: Array<NinjsConcept | undefined>): NinjsConcept[] {
  const seen = new Set<string>();
  return concepts.filter((c): c is NinjsConcept => {
    const key = c?.literal ?? c?.uri ?? c?.name;
    if (!c || key === undefined || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An urgency from 1 to 9, or nothing (INGEST-CONTRACT §3: empty or out of range gives none). */
export function urgencyOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? (/^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9 ? n : undefined;
}

/** A deterministic uri for an item that has no identifier: the same bytes give the same uri. */
export function mintUri(format: string, bytes: Uint8Array | string): string {
  return `urn:lede:${format}:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Non-empty, cleaned, distinct texts joined (edNotes: with a blank line, INGEST-CONTRACT §6). */
export function joinTexts(values: Array<string | undefined>, separator: string): string | undefined {
  const texts = [...new Set(values.map(optionalText).filter((t): t is string => t !== undefined))];
  return texts.length === 0 ? undefined : texts.join(separator);
}

/**
 * Of several language versions of one property (name, headline, rightsInfo…), the ones in the
 * item's language (exact tag, then the same primary subtag), else the ones without a language,
 * else those of the first language (INGEST-CONTRACT §6, rights "per language").
 */
export function pickLanguage<T>(candidates: T[], language: string | undefined, langOf: (c: T) => string | undefined): T[] {
  const tags = candidates.map((c) => langOf(c)?.toLowerCase());
  if (new Set(tags).size <= 1) return candidates;
  const want = language?.toLowerCase();
  const primary = want?.split('-')[0];
  const tests: Array<(tag: string | undefined) => boolean> = [
    (tag) => want !== undefined && tag === want,
    (tag) => primary !== undefined && tag?.split('-')[0] === primary,
    (tag) => tag === undefined,
    (tag) => tag === tags[0],
  ];
  for (const test of tests) {
    const found = candidates.filter((_, i) => test(tags[i]));
    if (found.length > 0) return found;
  }
  return candidates;
}
