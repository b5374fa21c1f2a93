import type { Story } from '../core/story.js';
import { yieldToEventLoop } from '../core/yield.js';
import { createTermSpace, type SparseVector, storyTerms } from './term-vector.js';

/** A story without its body: all a teaser needs, and small enough to hold 100,000 of. */
export type StoryCard = Omit<Story, 'bodyHtml'>;

/** A published story as the recommenders hold it: without its body, with its term vector. */
export interface IndexedStory {
  story: StoryCard;
  vector: SparseVector;
  publishedMs: number;
  /** The near-duplicate fingerprint as two 32-bit halves (0, 0 when none), for fast Hamming distances. */
  fingerprintHi: number;
  fingerprintLo: number;
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
  /**
   * Adds many at once, weighting terms by the document frequencies of the whole set; lets the
   * event loop run between chunks, so a process loading 100,000 stories keeps answering.
   */
  load(stories: Story[]): Promise<void>;
  /** Published stories, newest first. */
  newest(limit: number): IndexedStory[];
  /** Calls `fn` with the newest `limit` stories, newest first, without copying the list. */
  forEachNewest(limit: number, fn: (entry: IndexedStory) => void): void;
  readonly size: number;
  /** How many distinct terms vectors may hold (term ids are below this). */
  readonly termCount: number;
}

const maxTerms = 40;
/** Stories tokenised between two turns of the event loop (a few ms of work). */
const loadChunk = 50;

export function createContentIndex(): ContentIndex {
  const space = createTermSpace();
  const entries = new Map<string, IndexedStory & { termIds: Int32Array }>();
  /** Newest first by first publication, then id (a stable order). */
  const order: Array<IndexedStory & { termIds: Int32Array }> = [];
  const before = (a: IndexedStory, b: IndexedStory) =>
    a.publishedMs > b.publishedMs || (a.publishedMs === b.publishedMs && a.story.id > b.story.id);
  const position = (entry: IndexedStory) => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(order[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const removeEntry = (id: string) => {
    const old = entries.get(id);
    if (!old) return;
    entries.delete(id);
    space.removeDocument(old.termIds);
    const at = position(old);
    for (let i = at; i < order.length; i++) {
      if (order[i] === old) {
        order.splice(i, 1);
        break;
      }
    }
  };
  const card = (story: Story): StoryCard => {
    // The body is not needed to rank or show a teaser; leaving it out keeps 100,000 stories small.
    const { bodyHtml: _body, ...rest } = story;
    return rest;
  };
  const make = (story: Story, counts: Map<string, number>, termIds: Int32Array) => ({
    story: card(story),
    vector: space.vector(counts, maxTerms),
    publishedMs: Date.parse(story.publishedAt ?? story.firstcreated) || 0,
    fingerprintHi: story.fingerprint ? Number.parseInt(story.fingerprint.slice(0, 8), 16) || 0 : 0,
    fingerprintLo: story.fingerprint ? Number.parseInt(story.fingerprint.slice(8, 16), 16) || 0 : 0,
    termIds,
  });
  const insert = (entry: IndexedStory & { termIds: Int32Array }) => {
    entries.set(entry.story.id, entry);
    order.splice(position(entry), 0, entry);
  };
  return {
    get: (id) => entries.get(id),
    upsert(story) {
      removeEntry(story.id);
      const counts = storyTerms(story);
      insert(make(story, counts, space.addDocument(counts.keys())));
    },
    remove: removeEntry,
    async load(stories) {
      const counted: Array<{ story: Story; counts: Map<string, number>; termIds: Int32Array }> = [];
      for (const [n, story] of stories.entries()) {
        if (n % loadChunk === loadChunk - 1) await yieldToEventLoop();
        removeEntry(story.id);
        const counts = storyTerms(story);
        counted.push({ story, counts, termIds: space.addDocument(counts.keys()) });
      }
      const made: Array<IndexedStory & { termIds: Int32Array }> = [];
      for (const [n, { story, counts, termIds }] of counted.entries()) {
        if (n % loadChunk === loadChunk - 1) await yieldToEventLoop();
        made.push(make(story, counts, termIds));
      }
      for (const entry of made) entries.set(entry.story.id, entry);
      order.push(...made);
      order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    },
    newest: (limit) => order.slice(0, limit),
    forEachNewest(limit, fn) {
      const end = Math.min(limit, order.length);
      for (let i = 0; i < end; i++) fn(order[i]!);
    },
    get size() {
      return entries.size;
    },
    get termCount() {
      return space.size;
    },
  };
}
