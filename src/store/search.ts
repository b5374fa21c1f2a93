/** Shared by both engines' search: query terms and safe snippet HTML. */
import { escapeHtmlText, joinTrustedHtml, type TrustedHtml, trustedHtml } from '../core/escape.js';
import { htmlToText } from '../core/text.js';

/** Words of a reader's query, letters and digits only, so no query syntax reaches the engine. */
export function toSearchTerms(q: string): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, 12);
}

const matchStart = String.fromCharCode(2);
const matchEnd = String.fromCharCode(3);

/**
 * Engines mark matches with \x02…\x03: each match becomes `<mark>`, everything else is escaped
 * text. A match the engine cut short is marked to the end; a stray end mark is dropped.
 */
export function snippetToHtml(snippet: string): TrustedHtml {
  const [before = '', ...matches] = snippet.split(matchStart);
  const parts = [escapeHtmlText(before.replaceAll(matchEnd, ''))];
  for (const piece of matches) {
    const end = piece.indexOf(matchEnd);
    const term = end < 0 ? piece : piece.slice(0, end);
    parts.push(trustedHtml`<mark>${term}</mark>`, escapeHtmlText(end < 0 ? '' : piece.slice(end + 1).replaceAll(matchEnd, '')));
  }
  return joinTrustedHtml(parts);
}

/** Characters of a body's text that go into the search index: a 19 MB body would hold the write for seconds. */
export const searchBodyChars = 100_000;

/**
 * The text of a body as the search index keeps it: its first `searchBodyChars` characters, cut
 * at a word. Only the start of a huge body is converted (text is never longer than its markup).
 */
export function searchTextOf(bodyHtml: string, maxChars = searchBodyChars): string {
  const limit = maxChars * 4;
  const text = htmlToText(bodyHtml.length > limit ? bodyHtml.slice(0, limit) : bodyHtml);
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return space > maxChars / 2 ? cut.slice(0, space) : cut;
}
