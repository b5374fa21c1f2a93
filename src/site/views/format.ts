import { html, type SafeHtml } from './html.js';

export interface DateFormatter {
  /** "10 January 2026, 12:00 GMT" in the site's time zone, with the zone abbreviation. */
  dateTime(iso: string): string;
  /** `<time datetime="ISO">…</time>`. */
  time(iso: string): SafeHtml;
}

export function createDateFormatter(options: { locale: string; timeZone: string }): DateFormatter {
  const make = (timeZone: string) =>
    new Intl.DateTimeFormat(options.locale, {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
  let format: Intl.DateTimeFormat;
  try {
    format = make(options.timeZone);
  } catch {
    // config.ts validates the zone; this keeps a page rendering if an unknown one slips through.
    format = make('UTC');
  }
  // Formatting costs about 10 µs a date, and every page shows the same few dozen stories' times.
  const formatted = new Map<string, string>();
  const dateTime = (iso: string) => {
    const known = formatted.get(iso);
    if (known !== undefined) return known;
    const date = new Date(iso);
    const text = Number.isNaN(date.getTime()) ? '' : format.format(date);
    if (formatted.size >= 5000) formatted.clear();
    formatted.set(iso, text);
    return text;
  };
  return {
    dateTime,
    time: (iso) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return html``;
      return html`<time datetime="${date.toISOString()}">${dateTime(iso)}</time>`;
    },
  };
}

const languageTag = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/** A wire item's language as a valid `lang` value, or the fallback. */
export function langAttr(language: string | undefined, fallback: string): string {
  return language && languageTag.test(language) ? language : fallback;
}

/**
 * Intl only prints a zone abbreviation ("BST", "EDT") for zones the locale's region knows,
 * so English picks en-US for the Americas and en-GB elsewhere; other languages are used as is.
 */
export function dateLocale(language: string, timeZone: string): string {
  if (language.toLowerCase() !== 'en') return language;
  return timeZone.startsWith('America/') ? 'en-US' : 'en-GB';
}
