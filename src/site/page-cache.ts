import { tagsForStory } from '../core/cache-tags.js';
import type { Story } from '../core/story.js';
import type { PageCache } from '../http/response-cache.js';
import type { Store, StoryEvent } from '../store/types.js';

export interface CacheInvalidator {
  /** Invalidates what `events` made stale; returns the tags, for a CDN purge. */
  handle(events: StoryEvent[]): Promise<string[]>;
}

/**
 * Changes after which a page may still be served as it was while it renders again (a few
 * milliseconds). Anything else — a kill, a withhold, an unpublish — must vanish at once.
 */
const softKinds = new Set(['publish', 'update', 'store', 'settings']);

export function createCacheInvalidator(deps: { store: Pick<Store, 'stories'>; cache: PageCache }): CacheInvalidator {
  return {
    async handle(events) {
      // Settings, sections, authors or source rules changed: every page shows them.
      const settingsChanged = events.some((e) => e.kind === 'settings');
      if (settingsChanged) deps.cache.invalidate(['settings'], { keepStale: true });
      const keepStale = events.every((e) => softKinds.has(e.kind));
      const ids = [...new Set(events.filter((e) => e.kind !== 'settings').map((e) => e.storyId))];
      if (ids.length === 0) return settingsChanged ? ['settings'] : [];
      const fallback = (id: string) => [`story:${id}`, 'list:home', 'search'];
      let stories: Map<string, Story>;
      try {
        stories = new Map((await deps.store.stories.findByIds(ids)).map((s) => [s.id, s]));
      } catch (error) {
        // A kill must never stay cached because the database hiccupped: purge what we can.
        deps.cache.invalidate(ids.flatMap(fallback));
        throw new Error('cache invalidation could not load the changed stories', { cause: error });
      }
      const tags = new Set<string>();
      for (const id of ids) {
        const story = stories.get(id);
        for (const tag of story ? tagsForStory(story) : fallback(id)) tags.add(tag);
      }
      const all = [...tags];
      deps.cache.invalidate(all, { keepStale });
      return all;
    },
  };
}
