/** Shared by both engines' search: query terms and safe snippet HTML. */

/** Words of a reader's query, letters and digits only, so no query syntax reaches the engine. */
export function toSearchTerms(q: string): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, 12);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Engines mark matches with \x02…\x03; everything else is escaped text. */
export function snippetToHtml(snippet: string): string {
  return escapeHtml(snippet).replaceAll(String.fromCharCode(2), '<mark>').replaceAll(String.fromCharCode(3), '</mark>');
}
