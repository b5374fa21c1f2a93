import { type Callout, primaryLanguage, type SanitizedHtml, textDirection } from '../../core/story.js';
import { html, insertAfterParagraphs, type SafeHtml, safeHref } from './html.js';

export interface InlineBlockOptions {
  /** In the order the slots take them (see `pickCallouts`): each shows at most once. */
  callouts?: Callout[];
  /** The article's language: a call-out in another carries its own `lang` and `dir`. */
  language?: string;
  /** "Read also" asides, one after each paragraph of `afterParagraphs` that is not the last (readAlsoPositions). */
  readAlso?: { afterParagraphs: readonly number[]; asides: readonly SafeHtml[] };
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
 * Where "Read also" asides go: the configured paragraphs before the last one, in order. A story
 * too short for any of them still gets one, after its middle paragraph (after its only one when
 * it has one), so that every article carries the block.
 */
export function readAlsoPositions(afterParagraphs: readonly number[], paragraphs: number): number[] {
  const fitting = [...new Set(afterParagraphs)].filter((n) => Number.isInteger(n) && n >= 1 && n < paragraphs).sort((a, b) => a - b);
  if (fitting.length > 0 || paragraphs === 0) return fitting;
  return [Math.max(1, Math.floor(paragraphs / 2))];
}

/**
 * Inserts editorial call-outs and "Read also" placeholders between top-level paragraphs of
 * a sanitised body. Never after the last paragraph, so a block does not dangle at the end;
 * paragraphs nested in a blockquote or list do not count.
 */
export function insertInlineBlocks(bodyHtml: SanitizedHtml, options: InlineBlockOptions): SafeHtml {
  return insertAfterParagraphs(bodyHtml, (paragraphs) => {
    const blocksAfter = new Map<number, SafeHtml[]>();
    const add = (paragraph: number, block: SafeHtml) => blocksAfter.set(paragraph, [...(blocksAfter.get(paragraph) ?? []), block]);
    // Every call-out's rule opens slots; each slot takes the next call-out, never one twice.
    const callouts = options.callouts ?? [];
    const slots = [...new Set(callouts.flatMap((c) => slotPositions(c.afterParagraph, c.every, paragraphs)))].sort((a, b) => a - b);
    slots.slice(0, callouts.length).forEach((n, i) => {
      const callout = callouts[i] as Callout;
      const language = callout.language;
      const isForeign =
        language !== undefined && options.language !== undefined && primaryLanguage(language) !== primaryLanguage(options.language);
      const attrs = isForeign ? html` lang="${language}" dir="${textDirection(language)}"` : '';
      add(n, html`<aside class="callout"${attrs}><a href="${safeHref(callout.href)}">${callout.text}</a></aside>`);
    });
    if (options.readAlso) {
      const { asides } = options.readAlso;
      readAlsoPositions(options.readAlso.afterParagraphs, paragraphs).forEach((n, i) => {
        const aside = asides[i];
        if (aside) add(n, aside);
      });
    }
    return blocksAfter;
  });
}
