const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  deg: '°',
  euro: '€',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

const blockEnd = /<\/(p|h[1-6]|li|blockquote|figcaption|td|th|tr)>|<br\s*\/?>/gi;
// A white-space run of two or more, or one that is not a plain space: the only runs that change.
const spaceRun = /\s{2,}|[^\S ]/g;
const blanks = /[ \t\r\f\v]+/g;

/** `text` without its tags (`<` up to the next `>`), in one pass: `/<[^>]*>/g` is quadratic when no `>` follows. */
function withoutTags(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<'); open >= 0; open = text.indexOf('<', from)) {
    const close = text.indexOf('>', open + 1);
    if (close < 0) break; // no `>` after this `<`, so none after any later one either
    out += text.slice(from, open);
    from = close + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Plain text of an already sanitised HTML fragment: for search, excerpts and word counts.
 * Each white-space run that holds a line break becomes one line break, every other run of
 * blanks one space; trimmed. Linear in the length, and only the runs that change are rebuilt
 * (a 19 MB body is a few hundred milliseconds, not seconds).
 */
export function htmlToText(html: string): string {
  const plain = withoutTags(html.replace(blockEnd, ' \n'));
  const decoded = plain.includes('&') ? decodeEntities(plain) : plain;
  return decoded.replace(spaceRun, (run) => (run.includes('\n') ? '\n' : run.replace(blanks, ' '))).trim();
}

/** Collapses whitespace, trims and normalises to NFC (INGEST-CONTRACT §6). */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

export function excerpt(text: string, maxLength: number): string {
  const flat = cleanText(text);
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength / 2))}…`;
}
