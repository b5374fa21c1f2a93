import type { Clock } from '../core/clock.js';
import { isHolderGone, newHolderId } from '../store/holder.js';
import type { Store } from '../store/types.js';
import type { Channel } from './channel.js';
import type { ChannelRegistry } from './channel-registry.js';
import { createOutboxDelivery, type OutboxLogger, type RetryPolicy } from './outbox.js';

export interface OutboxWorkerDeps {
  store: Store;
  clock: Clock;
  registry: Pick<ChannelRegistry, 'resolve'>;
  publicUrl: string;
  logger: OutboxLogger;
  /** Only the scheduler's lease holder delivers; checked before every claim. */
  isLeader?: () => boolean;
  /**
   * How long a claim lasts without renewal. The worker renews the claims it holds every
   * third of this while their deliveries run (a request may take its full timeout), so a
   * worker that dies mid-delivery leaves rows that are due again this long after it died:
   * a restarted process resumes them within seconds, not after a request timeout.
   */
  claimMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface OutboxWorker {
  /**
   * Starts delivering due rows, one loop per channel. The scheduler ignores the promise;
   * it settles when no channel loop of this worker has a due row left (a graceful drain).
   */
  kick(): Promise<void>;
  /** Lets running deliveries finish and stops. */
  stop(): Promise<void>;
}

/**
 * Delivers outbox rows: each channel in its own loop, so a channel that times out or fails
 * never delays another, and a kill or its CDN purge is claimed before anything else of its
 * channel. A 429 pauses that channel until the time Telegram asked for. Outcomes live in
 * the outbox rows only: nothing is kept in memory per delivery.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { store, clock } = deps;
  const holder = newHolderId('outbox');
  const claimMs = deps.claimMs ?? 3_000;
  const isLeader = deps.isLeader ?? (() => true);
  const delivery = createOutboxDelivery({ store, clock, publicUrl: deps.publicUrl, logger: deps.logger, retry: deps.retry });
  const running = new Map<string, Promise<void>>();
  const pausedUntil = new Map<string, number>();
  /** Rows claimed and not yet settled, renewed by the heartbeat; at most one per channel. */
  const inFlight = new Set<number>();
  let heartbeat: NodeJS.Timeout | undefined;
  let isStopped = false;
  let starting: Promise<void> | undefined;
  let hasFreedGone = false;

  /**
   * Once, when this worker first delivers: rows claimed by a worker of this host that died
   * mid-delivery are due at once (the restarted process resumes them), not when the claims run out.
   */
  const freeGoneClaims = async () => {
    if (hasFreedGone) return;
    const gone = (await store.outbox.claimHolders()).filter(isHolderGone);
    const freed = await store.outbox.endClaimsOf(gone);
    hasFreedGone = true;
    if (freed > 0) deps.logger.info({ holder, gone, freed }, 'outbox deliveries of a process that is gone resumed');
  };

  const renewClaims = async () => {
    if (inFlight.size === 0) return;
    await store.outbox.renew({ ids: [...inFlight], holder, now: clock.now(), claimMs });
  };
  const beat = () => {
    if (heartbeat || isStopped) return;
    heartbeat = setInterval(
      () => {
        if (inFlight.size === 0) {
          clearInterval(heartbeat);
          heartbeat = undefined;
          return;
        }
        renewClaims().catch((error) => deps.logger.warn({ err: error }, 'outbox claims could not be renewed'));
      },
      Math.max(100, Math.floor(claimMs / 3)),
    );
    heartbeat.unref();
  };

  const runChannel = async (name: string, channel: Channel | undefined) => {
    while (!isStopped && isLeader()) {
      const now = clock.now();
      if ((pausedUntil.get(name) ?? 0) > now.getTime()) return;
      const entry = await store.outbox.claimNext({ channel: name, holder, now, claimMs });
      if (!entry) return;
      inFlight.add(entry.id);
      beat();
      let outcome: Awaited<ReturnType<typeof delivery.deliver>>;
      try {
        outcome = await delivery.deliver(entry, channel, holder);
      } finally {
        inFlight.delete(entry.id);
      }
      if (outcome === 'deferred') {
        const row = await store.outbox.find(entry.id);
        if (row) pausedUntil.set(name, Date.parse(row.nextAttemptAt));
      }
    }
  };

  const start = async () => {
    if (isStopped || !isLeader()) return;
    await freeGoneClaims();
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
    async kick() {
      await kick();
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    async stop() {
      isStopped = true;
      await starting;
      await Promise.all([...running.values()]);
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
    },
  };
}
