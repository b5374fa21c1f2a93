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
export type StoryEventKind = 'publish' | 'update' | 'kill' | 'withhold' | 'store';

/** Story events, plus `settings`: site settings, sections, authors or source rules changed. */
export type EventKind = StoryEventKind | 'settings';

/** The event a state change fires; every surface (cache, search, outbox, CDN) follows it. */
export function eventForTransition(previous: StoryState | undefined, next: StoryState): StoryEventKind {
  if (next === 'killed') return 'kill';
  const wasVisible = previous !== undefined && isVisible(previous);
  if (isVisible(next)) return wasVisible ? 'update' : 'publish';
  return wasVisible ? 'withhold' : 'store';
}

/**
 * First publication: kept once set (URLs and the news sitemap count from it); otherwise,
 * for a story going live now, when it went live — its first creation, or its embargo time
 * if later — but never in the future.
 */
export function firstPublishedAt(input: {
  storedPublishedAt?: string;
  state: StoryState;
  firstcreated?: string;
  embargoed?: string;
  now: Date;
}): string | undefined {
  if (input.storedPublishedAt) return input.storedPublishedAt;
  if (input.state !== 'published') return undefined;
  const created = input.firstcreated ? Date.parse(input.firstcreated) : input.now.getTime();
  const embargo = input.embargoed ? Date.parse(input.embargoed) : 0;
  return new Date(Math.min(input.now.getTime(), Math.max(created, embargo))).toISOString();
}

/**
 * What an accepted agency version does to a story an editor has changed (DESIGN "Lifecycle
 * rules"): a kill replaces it like any story; otherwise the editor's copy stays, only the
 * status applies, and a usable version flags the story for the editor.
 */
export function agencyVersionEffect(input: { isEditorEdited: boolean; pubstatus: PubStatus }): 'replace' | 'keep-editor-copy' {
  return input.isEditorEdited && input.pubstatus !== 'canceled' ? 'keep-editor-copy' : 'replace';
}
