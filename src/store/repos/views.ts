import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ViewRepo } from '../types.js';

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Reads per story per day: enough for "Most read" without a row per view. */
export function createViewRepo(db: Kysely<Database>): ViewRepo {
  return {
    async record(storyId, at) {
      await db
        .insertInto('views')
        .values({ story_id: storyId, day: dayOf(at), count: 1 })
        .onConflict((oc) => oc.columns(['story_id', 'day']).doUpdateSet((eb) => ({ count: eb('views.count', '+', 1) })))
        .execute();
    },
    async mostRead({ since, limit }) {
      const rows = await db
        .selectFrom('views')
        .innerJoin('stories', 'stories.id', 'views.story_id')
        .select(['views.story_id', (eb) => eb.fn.sum<number>('views.count').as('total')])
        .where('views.day', '>=', dayOf(since))
        .where('stories.state', '=', 'published')
        .groupBy('views.story_id')
        .orderBy('total', 'desc')
        .orderBy('views.story_id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.story_id);
    },
  };
}
