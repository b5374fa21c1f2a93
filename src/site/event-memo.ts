import type { EventRepo } from '../store/types.js';

/** Reads kept under one event id: what a page reads through it, it reads once per store change. */
export interface MemoScope {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface EventMemo {
  /** The reads kept under the newest event id, asked now (one indexed query): take it once per render. */
  current(): Promise<MemoScope>;
}

/**
 * Reads that change only with a store event, kept until the next one: the settings, sections,
 * authors and latest stories that every page a process renders reads again. Every change to
 * what a page shows — a story, a setting, a section, an author, a source, a static page —
 * writes an event in its own transaction (store/open.ts), and event ids are handed out under
 * the story-writes lock, so they ascend in commit order: while the newest id is the one a value
 * was read under, nothing it depends on has changed, in this process or any other. A write is
 * seen by the next render at once, without waiting for the change feed.
 */
export function createEventMemo(deps: { events: Pick<EventRepo, 'latestId'>; maxEntries?: number }): EventMemo {
  const maxEntries = deps.maxEntries ?? 500;
  let head: number | undefined;
  let values = new Map<string, Promise<unknown>>();
  const scopeOf = (kept: Map<string, Promise<unknown>>): MemoScope => ({
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const known = kept.get(key) as Promise<T> | undefined;
      if (known) return known;
      const loading = load();
      if (kept.size >= maxEntries) kept.clear();
      kept.set(key, loading);
      // A failed read is not kept: the next render tries again.
      loading.catch(() => {
        if (kept.get(key) === loading) kept.delete(key);
      });
      return loading;
    },
  });
  return {
    async current() {
      const latest = await deps.events.latestId();
      // Values are read after the id they are kept under was asked, so never older than it.
      if (latest !== head) {
        head = latest;
        values = new Map();
      }
      return scopeOf(values);
    },
  };
}
