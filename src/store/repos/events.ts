import type { Kysely } from 'kysely';
import type { EventKind } from '../../core/lifecycle.js';
import { chunksOf } from '../chunks.js';
import type { StoreDialect } from '../dialect.js';
import type { Database, EventRow } from '../schema.js';
import type { EventRepo, StoryEvent } from '../types.js';
import { type FanOutTargets, fanOutEvents, loadFanOutTargets } from './outbox.js';

type EventRecord = Omit<EventRow, 'id' | 'origin'> & { id: number; origin: string };

export const toEvent = (r: EventRecord): StoryEvent => ({
  id: Number(r.id),
  storyId: r.story_id,
  kind: r.kind as EventKind,
  version: r.version ?? undefined,
  origin: r.origin as StoryEvent['origin'],
  at: r.at,
});

/** `lock` takes the story-writes lock of this transaction (once: the store shares it per transaction). */
export function createEventRepo(db: Kysely<Database>, dialect: StoreDialect, lock = () => dialect.lockStoryWrites(db)): EventRepo {
  // Inside one transaction (an ingest batch) the channels and subscribers are read once:
  // nothing in a batch changes them. Outside one, every event reads them afresh.
  let targets: Promise<FanOutTargets> | undefined;
  const targetsOf = db.isTransaction ? () => (targets ??= loadFanOutTargets(db)) : () => loadFanOutTargets(db);
  const append: EventRepo['append'] = async (event) => (await appendMany([{ event }]))[0]!;
  /** Appends events in order with their outbox rows, in one insert each; `snapshot` gives the story row as of its event (else it is read). */
  const appendMany: EventRepo['appendMany'] = async (entries) => {
    if (entries.length === 0) return [];
    // The lock and the insert must share a transaction, or the ids would be handed out outside it.
    if (!db.isTransaction) return db.transaction().execute((trx) => createEventRepo(trx, dialect).appendMany(entries));
    await lock();
    const ids: number[] = [];
    for (const chunk of chunksOf(entries, 500)) {
      const values = chunk.map(({ event }) => ({
        story_id: event.storyId,
        kind: event.kind,
        version: event.version ?? null,
        origin: event.origin ?? 'wire',
        at: event.at,
      }));
      ids.push(...(await dialect.insertIds(db.insertInto('events').values(values), values.length)));
    }
    // Same transaction as the story change: the outbox row exists if and only if the change does.
    await fanOutEvents(
      db,
      entries.map((entry, i) => ({ ...entry, id: ids[i]! })),
      targetsOf,
    );
    await dialect.notify(db, ids[ids.length - 1]!);
    return ids;
  };
  return {
    append,
    appendMany,
    async listAfter(id, limit) {
      const rows = await db.selectFrom('events').selectAll().where('id', '>', id).orderBy('id').limit(limit).execute();
      return rows.map(toEvent);
    },
    async latestId() {
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      return Number(row?.id ?? 0);
    },
    async latestForStory(storyId) {
      const row = await db.selectFrom('events').selectAll().where('story_id', '=', storyId).orderBy('id', 'desc').executeTakeFirst();
      return row ? toEvent(row) : undefined;
    },
  };
}
