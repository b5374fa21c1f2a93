import type { Clock } from '../core/clock.js';
import { eventForTransition, firstPublishedAt, storyStateAt } from '../core/lifecycle.js';
import { assertLeaseHeld } from '../store/fence.js';
import type { Lease, Store } from '../store/types.js';

/**
 * Publishes stories whose embargo has passed and takes down those past `expires`, each with
 * its event, exactly as a publish or a withhold from ingest: through the one story-change
 * operation, deciding on the story as it is when locked (a kill meanwhile wins). Run by the scheduler.
 */
export async function applyDueTransitions(deps: { store: Store; clock: Clock; fence?: Lease }): Promise<number> {
  const now = deps.clock.now();
  const due = [...(await deps.store.stories.listDueEmbargoes(now, 100)), ...(await deps.store.stories.listDueExpiries(now, 100))];
  for (const { id } of due) {
    await deps.store.transaction(async (tx) => {
      await assertLeaseHeld(tx, deps.fence, now);
      await tx.applyStoryChange({
        id,
        decide: async (current) => {
          if (!current) return undefined;
          const state = storyStateAt({ pubstatus: current.pubstatus, embargoed: current.embargoed, expires: current.expires }, now);
          if (state === current.state) return undefined;
          const publishedAt = firstPublishedAt({
            storedPublishedAt: current.publishedAt,
            state,
            firstcreated: current.firstcreated,
            embargoed: current.embargoed,
            now,
          });
          // Demo content stays demo content when its embargo lifts: it is never pushed to channels.
          const previous = await tx.events.latestForStory(id);
          return {
            story: { ...current, state, publishedAt },
            event: {
              kind: eventForTransition(current.state, state),
              version: current.version,
              origin: previous?.origin === 'demo' ? 'demo' : 'clock',
              at: now.toISOString(),
            },
          };
        },
      });
    });
  }
  return due.length;
}
