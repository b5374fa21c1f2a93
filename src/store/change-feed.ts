import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import { toEvent } from './repos/events.js';
import type { Database } from './schema.js';
import type { StoryEvent } from './types.js';

/**
 * Follows the `events` log for every listener in this process: woken by the engine's
 * signal (LISTEN/NOTIFY, `data_version`) or a commit of our own, with a timer as backstop.
 * Its queries go through a quiet Kysely instance so they do not count as page work.
 */
export function createChangeFeed(db: Kysely<Database>, dialect: StoreDialect, onError: (error: unknown) => void) {
  const listeners = new Set<(events: StoryEvent[]) => void>();
  let lastId = 0;
  let started: Promise<void> | undefined;
  let stopListening: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const drain = async () => {
    for (;;) {
      const rows = await db.selectFrom('events').selectAll().where('id', '>', lastId).orderBy('id').limit(500).execute();
      if (rows.length === 0) return;
      const events = rows.map(toEvent);
      lastId = events[events.length - 1]!.id;
      for (const listener of listeners) listener(events);
    }
  };

  const poll = (): Promise<void> => {
    if (!started) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again);
      } catch (error) {
        onError(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const start = () => {
    started ??= (async () => {
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      lastId = Number(row?.id ?? 0);
      stopListening = await dialect.listen(() => void poll());
      timer = setInterval(() => void poll(), dialect.pollIntervalMs);
      timer.unref();
    })();
    return started;
  };

  return {
    /** Resolves once the feed knows where the log ends, so no later event is missed. */
    subscribe(listener: (events: StoryEvent[]) => void): { ready: Promise<void>; unsubscribe: () => void } {
      listeners.add(listener);
      return { ready: start(), unsubscribe: () => listeners.delete(listener) };
    },
    poll,
    async stop() {
      if (timer) clearInterval(timer);
      await stopListening?.();
      await running;
    },
  };
}
