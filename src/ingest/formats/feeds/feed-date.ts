import { normalizeDate } from '../normalize.js';

// RFC 822 §5.1 zones, RFC 2822's "obsolete" military letters read as UTC (their sign was
// never agreed on), and the abbreviations real feeds send although no RFC lists them.
const zoneHours: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  WET: 0,
  WEST: 1,
  BST: 1,
  CET: 1,
  CEST: 2,
  MET: 1,
  MEST: 2,
  EET: 2,
  EEST: 3,
  MSK: 3,
  IST: 5.5,
  SGT: 8,
  HKT: 8,
  JST: 9,
  KST: 9,
  AEST: 10,
  AEDT: 11,
  NZST: 12,
  NZDT: 13,
};

// Month names as feeds really send them: English, and the Portuguese, Spanish, French,
// German, Italian and Dutch abbreviations of localised CMSs (UOL: "Seg, 24 Set 2018").
const monthPrefixes: Array<[string, number]> = Object.entries({
  0: 'jan ene gen',
  1: 'feb fev',
  2: 'mar mrz mrt',
  3: 'apr abr avr',
  4: 'may mai mag mei',
  5: 'jun juin giu',
  6: 'jul juil lug',
  7: 'aug ago aou',
  8: 'sep set',
  9: 'oct okt out ott',
  10: 'nov',
  11: 'dec dez dic',
})
  .flatMap(([month, names]) => names.split(' ').map((name): [string, number] => [name, Number(month)]))
  .sort((a, b) => b[0].length - a[0].length);

const rfc822 =
  /^(?:[^\d,]*,\s*|[A-Za-z\u00C0-\u024F]+\.?\s+)?(\d{1,2})[\s-]+([^\s\d.-]+)\.?[\s-]+(\d{2}|\d{4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,5}))?\s*(?:\([^)]*\))?$/;

function monthOf(name: string): number | undefined {
  const key = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return monthPrefixes.find(([prefix]) => key.startsWith(prefix))?.[1];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A feed date to RFC 3339 UTC (INGEST-CONTRACT §4): RFC 822 `pubDate` with numeric or named
 * zones and localised day and month names, or ISO 8601 (`dc:date`, Atom). A time without a
 * zone is read in the source's time zone. Anything else is a LEDE_INGEST_FIELD error.
 */
export function parseFeedDate(value: unknown, options: { field: string; file: string; timeZone?: string }): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim().replace(/\s+/g, ' ');
  const m = rfc822.exec(text);
  const month = m ? monthOf(m[2] ?? '') : undefined;
  if (!m || month === undefined) return normalizeDate(text, options);
  const [, day, , yearText = '', hour = '0', minute = '0', second = '0', sign, offH, offM, zoneName] = m;
  const year = yearText.length === 2 ? Number(yearText) + (Number(yearText) < 50 ? 2000 : 1900) : Number(yearText);
  const local = `${year}-${pad(month + 1)}-${pad(Number(day))}T${pad(Number(hour))}:${minute}:${pad(Number(second))}`;
  let zone = '';
  if (sign) zone = `${sign}${offH}:${offM}`;
  else if (zoneName) {
    const upper = zoneName.toUpperCase();
    const hours = upper.length === 1 && upper !== 'J' ? 0 : zoneHours[upper];
    if (hours === undefined) return normalizeDate(text, options);
    const minutes = Math.round(Math.abs(hours) * 60);
    zone = `${hours < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  return normalizeDate(`${local}${zone}`, options);
}
