import { plainText } from './paragraphs.js';

// End-of-copy markers agencies close a story with ("Schluss", "Ende", "ENDS", "-0-", "-30-",
// "###"): never a correction note (INGEST-CONTRACT §5), in any of the languages we see.
const endOfCopy =
  /^[\s([{<–—-]*(?:schluss|ende(?: der meldung)?|ends?|end of (?:story|text|item)|fin|fine|slut|slutt|loppu|einde|konec|koniec|kraj|0|30|#{1,3}|x{3})[\s)\]}>.–—-]*$/i;

/** Whether a note is only an end-of-copy marker ("Schluss", "ENDS", "-30-"), which is never a correction note. */
export const isEndOfCopy = (text: string | undefined): boolean => text !== undefined && endOfCopy.test(text.trim());

// A correction label opening a notice: "Korrektur:", "CORRECTION -", "Berichtigung", "Rättelse"…
const correctionLabel =
  /^[\s([*]*(?:korrektur|korrigiert|berichtigung|berichtigt|correction|corrected|corrects|rättelse|rättad|korrigering|korrigert|rettelse|oikaisu|correctie|gecorrigeerd|rectificación|corrección|rettifica|correzione|rectificatif|oprava|sprostowanie|訂正|исправление)(?![\p{L}\p{N}])/iu;

/** A top-level block of a sanitised body that may hold the correction notice. */
const block = /<(pre|p|blockquote)>([\s\S]*?)<\/\1>/g;

/**
 * A correction's notice that stands in the body (INGEST-CONTRACT §5): the first `pre`, `p` or
 * `blockquote` whose text opens with a correction label becomes the note and leaves the body.
 */
export function takeCorrectionNotice(html: string | undefined): { note?: string; html?: string } {
  if (!html) return { html };
  for (const m of html.matchAll(block)) {
    const text = plainText(m[2]);
    if (!text || !correctionLabel.test(text)) continue;
    const rest = html.slice(0, m.index) + html.slice((m.index ?? 0) + m[0].length);
    return { note: text, html: rest === '' ? undefined : rest };
  }
  return { html };
}
