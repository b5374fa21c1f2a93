import type { Story } from '../core/story.js';
import { articlePath } from '../core/urls.js';
import type { StoredImpression } from '../store/types.js';
import { formatMindTime } from './mind-format.js';

/** A TSV cell: tabs and line breaks would break the row. */
const cell = (text: string | undefined) => (text ?? '').replace(/[\t\r\n]+/g, ' ').trim();

/**
 * Lede's impressions as a MIND click log: `behaviors.tsv` (impression id, browser id, time,
 * history oldest first, candidates with -1 clicked / -0 not) and `news.tsv` (id, section,
 * first tag, headline, standfirst, path, and empty entity lists) for every story they name.
 */
export function toMind(input: { impressions: StoredImpression[]; stories: Story[]; publicUrl: string }): {
  behaviors: string;
  news: string;
} {
  const behaviors = input.impressions.map((imp) => {
    const clicked = new Set(imp.clicked);
    const history = [...imp.history].reverse().join(' ');
    const items = imp.items.map((id) => `${id}-${clicked.has(id) ? 1 : 0}`).join(' ');
    return `${cell(imp.id)}\t${cell(imp.browser)}\t${formatMindTime(new Date(imp.shownAt))}\t${history}\t${items}\n`;
  });
  const news = input.stories.map(
    (s) =>
      `${s.id}\t${cell(s.section)}\t${cell(s.tags[0])}\t${cell(s.headline)}\t${cell(s.standfirst)}\t${input.publicUrl}${articlePath(s)}\t[]\t[]\n`,
  );
  return { behaviors: behaviors.join(''), news: news.join('') };
}

/** Every story id an impression names (shown or in its history). */
export function impressionStoryIds(impressions: StoredImpression[]): string[] {
  const ids = new Set<string>();
  for (const imp of impressions) for (const id of [...imp.items, ...imp.history]) ids.add(id);
  return [...ids];
}
