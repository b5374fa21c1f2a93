import type { SanitizedHtml, Story } from '../core/story.js';
import { createTermSpace, type SparseVector, storyTerms } from './term-vector.js';

/** A published story as the recommenders hold it: without its body, with its term vector. */
export interface IndexedStory {
  story: Story;
  vector: SparseVector;
  publishedMs: number;
}

/**
 * Content similarity over published stories, in memory: a TF-IDF vector per story and the
 * stories newest first. An interface, so a better text index can take its place.
 */
export interface ContentIndex {
  get(id: string): IndexedStory | undefined;
  /** Adds or replaces a published story. */
  upsert(story: Story): void;
  remove(id: string): void;
  /** Adds many at once, weighting terms by the document frequencies of the whole set. */
  load(stories: Story[]): void;
  /** Published stories, newest first. */
  newest(limit: number): IndexedStory[];
  readonly size: number;
}

const maxTerms = 40;

export function createContentIndex(): ContentIndex {
  const space = createTermSpace();
  const entries = new Map<string, IndexedStory & { termList: string[] }>();
  /** Newest first by first publication, then id (a stable order). */
  const order: Array<IndexedStory & { termList: string[] }> = [];
  const before = (a: IndexedStory, b: IndexedStory) =>
    a.publishedMs > b.publishedMs || (a.publishedMs === b.publishedMs && a.story.id > b.story.id);
  const position = (entry: IndexedStory) => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(order[mid] as IndexedStory, entry)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const removeEntry = (id: string) => {
    const old = entries.get(id);
    if (!old) return;
    entries.delete(id);
    space.removeDocument(old.termList);
    const at = position(old);
    for (let i = at; i < order.length; i++) {
      if (order[i] === old) {
        order.splice(i, 1);
        break;
      }
    }
  };
  const make = (story: Story, counts: Map<string, number>) => ({
    // The body is not needed to rank or show a teaser; leaving it out keeps 100,000 stories small.
    story: { ...story, bodyHtml: '' as SanitizedHtml },
    vector: space.vector(counts, maxTerms),
    publishedMs: Date.parse(story.publishedAt ?? story.firstcreated) || 0,
    termList: [...counts.keys()],
  });
  const insert = (entry: IndexedStory & { termList: string[] }) => {
    entries.set(entry.story.id, entry);
    order.splice(position(entry), 0, entry);
  };
  return {
    get: (id) => entries.get(id),
    upsert(story) {
      removeEntry(story.id);
      const counts = storyTerms(story);
      space.addDocument(counts.keys());
      insert(make(story, counts));
    },
    remove: removeEntry,
    load(stories) {
      const counted = stories.map((story) => {
        removeEntry(story.id);
        const counts = storyTerms(story);
        space.addDocument(counts.keys());
        return { story, counts };
      });
      const made = counted.map(({ story, counts }) => make(story, counts));
      for (const entry of made) entries.set(entry.story.id, entry);
      order.push(...made);
      order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    },
    newest: (limit) => order.slice(0, limit),
    get size() {
      return entries.size;
    },
  };
}
