const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
// Tags with quoted attribute values (which may contain `>`), or comments.
const tagPattern = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** Offsets just past each `</p>` that closes a top-level paragraph of a sanitised body. */
export function topLevelParagraphEnds(bodyHtml: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  for (const match of bodyHtml.matchAll(tagPattern)) {
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    const isClosing = match[1] === '/';
    if (isClosing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && name === 'p') ends.push((match.index ?? 0) + match[0].length);
    } else if (!voidElements.has(name) && !match[0].endsWith('/>')) {
      depth++;
    }
  }
  return ends;
}
