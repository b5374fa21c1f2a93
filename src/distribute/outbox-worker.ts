import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Store } from '../store/types.js';
import type { Channel } from './channel.js';
import type { ChannelRegistry } from './channel-registry.js';
import { createOutboxDelivery, type DeliveryOutcome, type OutboxLogger, type RetryPolicy } from './outbox.js';

export interface OutboxWorkerDeps {
  store: Store;
  clock: Clock;
  registry: Pick<ChannelRegistry, 'resolve'>;
  publicUrl: string;
  logger: OutboxLogger;
  /** Only the scheduler's lease holder delivers; checked before every claim. */
  isLeader?: () => boolean;
  /**
   * How long a claim lasts. A worker that dies mid-delivery leaves its row `delivering`;
   * once the claim runs out the row is due again. Longer than any request's timeout.
   */
  claimMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface OutboxWorker {
  /** Starts delivering due rows, one loop per channel, and returns at once (the scheduler calls it). */
  kick(): void;
  /** Delivers every row due now and resolves when no channel has one left (tests; `kick` in the app). */
  deliverDue(): Promise<Array<{ id: number; channel: string; outcome: DeliveryOutcome }>>;
  /** Lets running deliveries finish and stops. */
  stop(): Promise<void>;
  readonly holder: string;
}

/**
 * Delivers outbox rows: each channel in its own loop, so a channel that times out or fails
 * never delays another, and a kill or its CDN purge is claimed before anything else of its
 * channel. A 429 pauses that channel until the time Telegram asked for.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { store, clock } = deps;
  const holder = `outbox-${process.pid}-${randomUUID().slice(0, 8)}`;
  const claimMs = deps.claimMs ?? 120_000;
  const isLeader = deps.isLeader ?? (() => true);
  const delivery = createOutboxDelivery({ store, clock, publicUrl: deps.publicUrl, logger: deps.logger, retry: deps.retry });
  const running = new Map<string, Promise<void>>();
  const pausedUntil = new Map<string, number>();
  let outcomes: Array<{ id: number; channel: string; outcome: DeliveryOutcome }> = [];
  let isStopped = false;
  let starting: Promise<void> | undefined;

  const runChannel = async (name: string, channel: Channel | undefined) => {
    while (!isStopped && isLeader()) {
      const now = clock.now();
      if ((pausedUntil.get(name) ?? 0) > now.getTime()) return;
      const entry = await store.outbox.claimNext({ channel: name, holder, now, claimMs });
      if (!entry) return;
      const outcome = await delivery.deliver(entry, channel, holder);
      outcomes.push({ id: entry.id, channel: name, outcome });
      if (outcome === 'deferred') {
        const row = await store.outbox.find(entry.id);
        if (row) pausedUntil.set(name, Date.parse(row.nextAttemptAt));
      }
    }
  };

  const start = async () => {
    if (isStopped || !isLeader()) return;
    const due = await store.outbox.dueChannels(clock.now());
    const idle = due.filter((name) => !running.has(name));
    if (idle.length === 0) return;
    const channels = await deps.registry.resolve();
    // The CDN purge first: a kill must leave every cache at once.
    idle.sort((a, b) => (a === 'purge' ? -1 : b === 'purge' ? 1 : a.localeCompare(b)));
    for (const name of idle) {
      const loop = runChannel(name, channels.get(name))
        .catch((error) => deps.logger.error({ err: error, channel: name }, `outbox delivery to ${name} stopped on an error`))
        .finally(() => running.delete(name));
      running.set(name, loop);
    }
  };

  const kick = () => {
    starting ??= start()
      .catch((error) => deps.logger.error({ err: error }, 'outbox worker could not start'))
      .finally(() => {
        starting = undefined;
      });
    return starting;
  };

  return {
    holder,
    kick() {
      void kick();
    },
    async deliverDue() {
      outcomes = [];
      await kick();
      while (running.size > 0) await Promise.all([...running.values()]);
      return outcomes;
    },
    async stop() {
      isStopped = true;
      await starting;
      await Promise.all([...running.values()]);
    },
  };
}
