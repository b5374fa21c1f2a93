import type { Callout } from '../../core/story.js';
import { html, safeHref } from './html.js';

export interface InlineBlockOptions {
  callouts?: Callout[];
  /** "Read also" placeholders after paragraph `after`, then every `every` paragraphs; false for none. */
  readAlso?: { after: number; every: number } | false;
}

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

/** 1-based paragraph numbers `first`, `first + every`, … that are before the last paragraph. */
export function slotPositions(first: number, every: number | undefined, paragraphs: number): number[] {
  const positions: number[] = [];
  if (!Number.isInteger(first) || first < 1) return positions;
  const step = every !== undefined && Number.isInteger(every) && every > 0 ? every : undefined;
  for (let n = first; n < paragraphs; n += step ?? paragraphs) positions.push(n);
  return positions;
}

/**
 * Inserts editorial call-outs and "Read also" placeholders between top-level paragraphs of
 * a sanitised body. Never after the last paragraph, so a block does not dangle at the end;
 * paragraphs nested in a blockquote or list do not count.
 */
export function insertInlineBlocks(bodyHtml: string, options: InlineBlockOptions): string {
  const ends = topLevelParagraphEnds(bodyHtml);
  const blocksAfter = new Map<number, string[]>();
  const add = (paragraph: number, block: string) => {
    const list = blocksAfter.get(paragraph) ?? [];
    list.push(block);
    blocksAfter.set(paragraph, list);
  };
  for (const callout of options.callouts ?? []) {
    for (const n of slotPositions(callout.afterParagraph, callout.every, ends.length)) {
      add(n, html`<aside class="callout"><a href="${safeHref(callout.href)}">${callout.text}</a></aside>`.toString());
    }
  }
  if (options.readAlso) {
    slotPositions(options.readAlso.after, options.readAlso.every, ends.length).forEach((n, i) => {
      add(n, html`<aside class="read-also" data-slot="${i + 1}" hidden></aside>`.toString());
    });
  }
  if (blocksAfter.size === 0) return bodyHtml;
  let out = '';
  let from = 0;
  ends.forEach((end, i) => {
    const blocks = blocksAfter.get(i + 1);
    if (!blocks) return;
    out += bodyHtml.slice(from, end) + blocks.join('');
    from = end;
  });
  return out + bodyHtml.slice(from);
}
