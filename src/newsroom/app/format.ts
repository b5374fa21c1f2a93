import type { AuthorRef, RevisionDoc } from './types';

/** A list answer: `{"items":[…],"next_cursor"}` (or the list under another plural key). */
export function pageOf<T>(data: unknown, key: string): { items: T[]; nextCursor: string | null } {
  const record = (data ?? {}) as Record<string, unknown>;
  const list = Array.isArray(data) ? data : (record['items'] ?? record[key] ?? []);
  const cursor = record['next_cursor'] ?? record['nextCursor'] ?? null;
  return { items: Array.isArray(list) ? (list as T[]) : [], nextCursor: typeof cursor === 'string' && cursor ? cursor : null };
}

export const storyStates = ['draft', 'review', 'scheduled', 'published', 'unpublished', 'killed', 'held', 'spiked'] as const;

export function stateLabel(state: string): string {
  return state.replaceAll('_', ' ').replace(/^review$/, 'in review');
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function authorName(author: AuthorRef): string {
  return typeof author === 'string' ? author : author.name;
}

/** Stories name their authors by profile slug (`authors: ["jane-doe"]`). */
export function authorSlug(author: AuthorRef): string {
  return typeof author === 'string' ? author : (author.slug ?? author.name);
}

export function revisionNumber(revision: RevisionDoc): number {
  const value = revision.revision ?? revision.n ?? (revision['number'] as number | undefined);
  return Number(value);
}

/** Plain text of editor HTML, for diffs and list snippets (parsed inertly, never inserted). */
export function textOf(html: string | null | undefined): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const blocks = [...doc.body.querySelectorAll('p, h1, h2, h3, h4, li, blockquote, figcaption')];
  if (blocks.length === 0) return doc.body.textContent?.trim() ?? '';
  return blocks
    .map((block) => block.textContent?.trim() ?? '')
    .filter(Boolean)
    .join('\n\n');
}
