import { eventForTransition } from '../../src/core/lifecycle.js';
import type { Story } from '../../src/core/story.js';
import type { EventOrigin, Repos, StoryFlags } from '../../src/store/types.js';

/**
 * Stores a story as it is through the one story-change operation (the only way to write one),
 * with the event its state calls for. `origin` defaults to `demo`, so no channel is fanned out to.
 */
export function putStory(repos: Repos, story: Story, options: { flags?: Partial<StoryFlags>; origin?: EventOrigin; at?: string } = {}) {
  return repos.applyStoryChange({
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
  });
}

export async function putStories(repos: Repos, stories: Story[]): Promise<void> {
  for (const story of stories) await putStory(repos, story);
}
