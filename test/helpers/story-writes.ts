import { eventForTransition } from '../../src/core/lifecycle.js';
import type { Story } from '../../src/core/story.js';
import type { StoryChangeRequest } from '../../src/store/story-changes.js';
import type { EventOrigin, Repos, StoryFlags } from '../../src/store/types.js';

/**
 * Stores a story as it is through the one story-change operation (the only way to write one),
 * with the event its state calls for. `origin` defaults to `demo`, so no channel is fanned out to.
 */
export function putStory(repos: Repos, story: Story, options: { flags?: Partial<StoryFlags>; origin?: EventOrigin; at?: string } = {}) {
  return repos.applyStoryChange(changeOf(story, options));
}

function changeOf(story: Story, options: { flags?: Partial<StoryFlags>; origin?: EventOrigin; at?: string } = {}): StoryChangeRequest {
  return {
    id: story.id,
    decide: (current) => ({
      story,
      flags: options.flags,
      version: { version: story.version, pubstatus: story.pubstatus, ninjs: story.ninjs },
      event: {
        kind: eventForTransition(current?.state, story.state),
        version: story.version,
        origin: options.origin ?? 'demo',
        at: options.at ?? new Date().toISOString(),
      },
    }),
  };
}

/** Many stories, a transaction per 500 (as a bulk ingest writes them). */
export async function putStories(repos: Repos, stories: Story[]): Promise<void> {
  for (let i = 0; i < stories.length; i += 500) await repos.applyStoryChanges(stories.slice(i, i + 500).map((story) => changeOf(story)));
}
