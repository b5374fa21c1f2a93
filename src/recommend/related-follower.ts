import { yieldToEventLoop } from '../core/yield.js';
import type { Store, StoryEvent } from '../store/types.js';
import type { RelatedIndex } from './related.js';

export interface RelatedFollower {
  /** Resolves once every published story is indexed (the first pages wait for it). */
  ready: Promise<void>;
  stop(): void;
}

const pageSize = 500;

/**
 * Keeps this process's "Read also" index in step with the store through the ordered event feed.
 * A kill or withhold takes the story out at once, inside the feed's call: subscribe this before
 * the page-cache invalidator, and the purge that follows renders pages without the story. Other
 * changes reload the story; a reload is applied only if no later event for that story came in
 * meanwhile (that event's own reload wins), so a slow read never brings a killed story back.
 */
export function followStoriesForRelated(deps: {
  store: Pick<Store, 'onEvents' | 'stories' | 'articleIndex' | 'events'>;
  index: RelatedIndex;
  onError: (error: unknown) => void;
  /** After an event's story was (re)indexed or dropped: clusters may have changed (the home page folds them). */
  onIndexed?: (storyId: string) => void;
  /** When to start indexing the stored stories (the server waits for its plugins to load). */
  startAfter?: Promise<void>;
}): RelatedFollower {
  const { store, index } = deps;
  const latestEvent = new Map<string, number>();

  const reload = async (storyId: string, eventId: number) => {
    const story = await store.stories.findById(storyId);
    if (latestEvent.get(storyId) !== eventId) return;
    latestEvent.delete(storyId);
    if (story) index.upsert(story);
    else index.remove(storyId);
    deps.onIndexed?.(storyId);
  };

  const handle = (events: StoryEvent[]) => {
    for (const event of events) {
      if (event.kind === 'settings') continue;
      if (event.kind === 'kill' || event.kind === 'withhold') index.remove(event.storyId);
      latestEvent.set(event.storyId, event.id);
      reload(event.storyId, event.id).catch(deps.onError);
    }
  };

  const unsubscribe = store.onEvents(handle);
  const ready = (async () => {
    await deps.startAfter;
    const from = await store.events.latestId();
    let before: { publishedAt: string; id: string } | undefined;
    for (;;) {
      const page = await store.articleIndex.page({ before, limit: pageSize });
      // A story changed since we subscribed is reloaded by its event; the page may be older.
      for (const [n, story] of page.entries()) {
        // Indexing costs ~2 ms a story: let the event loop (and the site's requests) run.
        if (n % 25 === 24) await yieldToEventLoop();
        if (!latestEvent.has(story.id)) index.upsert(story);
      }
      if (page.length < pageSize) break;
      const last = page[page.length - 1]!;
      before = { publishedAt: last.publishedAt ?? last.firstcreated, id: last.id };
    }
    // Events committed between the feed's start and our first read: reload those stories too.
    handle(await store.events.listAfter(from, 10_000));
  })();
  ready.catch(deps.onError);
  return { ready, stop: unsubscribe };
}
