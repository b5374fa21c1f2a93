import type { Clock } from '../core/clock.js';
import { eventForTransition, storyStateAt } from '../core/lifecycle.js';
import type { Store } from '../store/types.js';

/**
 * Publishes stories whose embargo has passed and takes down those past `expires`, each with
 * its event, exactly as a publish or a withhold from ingest. Run by the scheduler.
 */
export async function applyDueTransitions(deps: { store: Store; clock: Clock }): Promise<number> {
  const now = deps.clock.now();
  const due = [...(await deps.store.stories.listDueEmbargoes(now, 100)), ...(await deps.store.stories.listDueExpiries(now, 100))];
  for (const story of due) {
    await deps.store.transaction(async (tx) => {
      const current = await tx.stories.findById(story.id);
      if (!current) return;
      const state = storyStateAt({ pubstatus: current.pubstatus, embargoed: current.embargoed, expires: current.expires }, now);
      if (state === current.state) return;
      const publishedAt = current.publishedAt ?? (state === 'published' ? (current.embargoed ?? now.toISOString()) : undefined);
      await tx.stories.setState(current.id, state, publishedAt);
      // Demo content stays demo content when its embargo lifts: it is never pushed to channels.
      const previous = await tx.events.latestForStory(current.id);
      await tx.events.append({
        storyId: current.id,
        kind: eventForTransition(current.state, state),
        version: current.version,
        origin: previous?.origin === 'demo' ? 'demo' : 'clock',
        at: now.toISOString(),
      });
    });
  }
  return due.length;
}
