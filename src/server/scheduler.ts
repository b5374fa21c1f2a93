import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { LeaseRepo } from '../store/types.js';

export interface SchedulerLogger {
  error(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

interface Task {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  nextAt: number;
}

const leaseName = 'scheduler';

/**
 * Runs periodic jobs (embargo release now; feed polls, watch folders and outbox delivery
 * later) in exactly one process among all that share the database: the holder of a lease
 * row, renewed every tick, taken over by another process when it lapses.
 */
export function createScheduler(deps: { leases: LeaseRepo; clock: Clock; logger: SchedulerLogger; tickMs?: number; leaseTtlMs?: number }) {
  const holder = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const tickMs = deps.tickMs ?? 500;
  const leaseTtlMs = deps.leaseTtlMs ?? 10_000;
  const tasks: Task[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let isLeader = false;

  const tick = async () => {
    const now = deps.clock.now();
    const leader = await deps.leases.tryAcquire({ name: leaseName, holder, ttlMs: leaseTtlMs, now });
    if (leader !== isLeader) deps.logger.info({ holder, leader }, leader ? 'scheduler lease taken' : 'scheduler lease lost');
    isLeader = leader;
    if (!leader) return;
    for (const task of tasks) {
      if (now.getTime() < task.nextAt) continue;
      task.nextAt = now.getTime() + task.intervalMs;
      try {
        await task.run();
      } catch (error) {
        deps.logger.error({ err: error, task: task.name }, 'scheduled task failed');
      }
    }
  };

  const runTick = () => {
    ticking ??= tick()
      .catch((error) => deps.logger.error({ err: error }, 'scheduler tick failed'))
      .finally(() => {
        ticking = undefined;
      });
    return ticking;
  };

  return {
    holder,
    get isLeader() {
      return isLeader;
    },
    every(name: string, intervalMs: number, run: () => Promise<unknown>) {
      tasks.push({ name, intervalMs, run, nextAt: 0 });
    },
    /** Runs one tick now (tests drive the scheduler with an injected clock). */
    tick: runTick,
    start() {
      timer ??= setInterval(() => void runTick(), tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await ticking;
      if (isLeader) await deps.leases.release(leaseName, holder).catch(() => {});
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
