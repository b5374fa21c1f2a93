import type { PubStatus } from './ninjs.js';
import type { StoryState } from './story.js';

export interface StateInput {
  pubstatus: PubStatus;
  embargoed?: string;
  expires?: string;
  /** The source's rule says hold for an editor, and no editor has released it yet. */
  isHeld?: boolean;
}

/** Where a version stands at `now`: the single rule every surface follows. */
export function storyStateAt(input: StateInput, now: Date): StoryState {
  if (input.pubstatus === 'canceled') return 'killed';
  if (input.pubstatus === 'withheld') return 'withheld';
  if (input.isHeld) return 'held';
  if (input.embargoed && Date.parse(input.embargoed) > now.getTime()) return 'embargoed';
  if (input.expires && Date.parse(input.expires) <= now.getTime()) return 'expired';
  return 'published';
}

export function isVisible(state: StoryState): boolean {
  return state === 'published';
}

/**
 * The kinds of row in the `events` table. `store` records a version that changed nothing
 * visible (e.g. an update of an embargoed story).
 */
export type EventKind = 'publish' | 'update' | 'kill' | 'withhold' | 'store';

/** The event a state change fires; every surface (cache, search, outbox, CDN) follows it. */
export function eventForTransition(previous: StoryState | undefined, next: StoryState): EventKind {
  if (next === 'killed') return 'kill';
  const wasVisible = previous !== undefined && isVisible(previous);
  if (isVisible(next)) return wasVisible ? 'update' : 'publish';
  return wasVisible ? 'withhold' : 'store';
}
