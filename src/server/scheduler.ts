import type { Clock } from '../core/clock.js';
import { isHolderGone, newHolderId } from '../store/holder.js';
import type { Lease, LeaseRepo } from '../store/types.js';

export interface SchedulerLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

/** The lease a task runs under, handed to it by the scheduler. */
export interface TaskLease extends Lease {
  /**
   * True while this process still holds the lease with this token. A task that writes more
   * than once calls it before each write, or better `repos.leases.isHeld(lease)` inside its
   * write transaction, and stops when it is false: another process leads now.
   */
  isHeld(): Promise<boolean>;
}

interface Task {
  name: string;
  intervalMs: number;
  run: (lease: TaskLease) => Promise<unknown>;
  nextAt: number;
}

/** Tasks that must not overlap share one lease, and run one after another under it. */
interface Group {
  name: string;
  tasks: Task[];
  lease?: Lease;
  /** By this process's clock; a little before the row runs out, as it was renewed before the write. */
  expiresAt: number;
  running?: Promise<void>;
}

/**
 * Runs periodic jobs (embargo release, feed polls, watch folders, outbox delivery) in exactly
 * one process among all that share the database. Each group of tasks has its own lease row
 * (`scheduler:<group>`), so a slow watch folder never holds up embargo release, and its own
 * run loop. Leases are renewed on a timer of their own, however long a task runs, and a lapsed
 * one is taken over by another process with a new fencing token. Before each run, and before
 * each write of a long run, the leader re-checks its token in the database, so a process that
 * stalled past its lease and wakes up still thinking it leads does not write.
 */
export function createScheduler(deps: {
  leases: LeaseRepo;
  clock: Clock;
  logger: SchedulerLogger;
  /** How often due tasks are looked for (default 500 ms). */
  tickMs?: number;
  /** How long a lease lasts unless renewed (default 10 s); it is renewed every third of that. */
  leaseTtlMs?: number;
}) {
  const holder = newHolderId('scheduler');
  const tickMs = deps.tickMs ?? 500;
  const leaseTtlMs = deps.leaseTtlMs ?? 10_000;
  const groups = new Map<string, Group>();
  const timers: NodeJS.Timeout[] = [];
  let renewing: Promise<void> | undefined;
  let isStopped = false;
  let hasFreedGone = false;

  const leaseName = (group: Group) => `scheduler:${group.name}`;
  const holds = (group: Group, now: number) => group.lease !== undefined && now < group.expiresAt;

  const renewGroup = async (group: Group) => {
    const now = deps.clock.now();
    let lease: Lease | undefined;
    try {
      lease = await deps.leases.tryAcquire({ name: leaseName(group), holder, ttlMs: leaseTtlMs, now });
    } catch (error) {
      // Keep what we had: it stays good until it runs out by our own clock.
      deps.logger.error({ err: error, group: group.name }, 'scheduler lease renewal failed');
      if (group.lease && now.getTime() >= group.expiresAt) {
        deps.logger.warn(
          { holder, group: group.name, token: group.lease.token },
          'scheduler lease lost: it ran out while it could not be renewed',
        );
        group.lease = undefined;
      }
      return;
    }
    const had = group.lease;
    if (had && had.token !== lease?.token) {
      deps.logger.warn(
        { holder, group: group.name, token: had.token, isRunning: group.running !== undefined },
        'scheduler lease lost: another process leads these tasks now',
      );
    }
    if (lease && had?.token !== lease.token) deps.logger.info({ holder, group: group.name, token: lease.token }, 'scheduler lease taken');
    group.lease = lease;
    group.expiresAt = lease ? now.getTime() + leaseTtlMs : 0;
  };

  /**
   * Once, before the first renewal: lets go the leases of a process of this host that died
   * (SIGKILL, a crash), so that a restarted process leads at once instead of when they run out.
   */
  const freeGoneLeases = async () => {
    if (hasFreedGone) return;
    hasFreedGone = true;
    const names = new Set([...groups.values()].map(leaseName));
    for (const lease of await deps.leases.listHeld(deps.clock.now())) {
      if (!names.has(lease.name) || !isHolderGone(lease.holder)) continue;
      await deps.leases.release(lease.name, lease.holder);
      deps.logger.info({ holder, lease: lease.name, gone: lease.holder }, 'scheduler lease of a process that is gone let go');
    }
  };

  const renew = () => {
    // One after another: a few short statements, without taking a pooled connection each.
    renewing ??= (async () => {
      await freeGoneLeases().catch((error) => {
        hasFreedGone = false;
        deps.logger.warn({ err: error }, 'scheduler leases of gone processes not looked for');
      });
      for (const group of groups.values()) await renewGroup(group);
    })().finally(() => {
      renewing = undefined;
    });
    return renewing;
  };

  const taskLease = (lease: Lease): TaskLease => ({
    ...lease,
    isHeld: () => deps.leases.isHeld({ ...lease, now: deps.clock.now() }),
  });

  const runGroup = async (group: Group, due: Task[], lease: Lease) => {
    for (const task of due) {
      const handle = taskLease(lease);
      try {
        if (!(await handle.isHeld())) {
          deps.logger.warn({ holder, group: group.name, task: task.name, token: lease.token }, 'scheduled task not run: lease lost');
          return;
        }
        await task.run(handle);
      } catch (error) {
        deps.logger.error({ err: error, task: task.name }, 'scheduled task failed');
      }
    }
  };

  /** Starts the due tasks of every idle group whose lease this process holds. */
  const dispatch = () => {
    const now = deps.clock.now().getTime();
    const started: Promise<void>[] = [];
    for (const group of groups.values()) {
      if (isStopped || group.running || !holds(group, now) || !group.lease) continue;
      const due = group.tasks.filter((task) => now >= task.nextAt);
      if (due.length === 0) continue;
      for (const task of due) task.nextAt = now + task.intervalMs;
      const run = runGroup(group, due, group.lease).finally(() => {
        group.running = undefined;
      });
      group.running = run;
      started.push(run);
    }
    return started;
  };

  return {
    holder,
    /** True while this process holds the lease of `group` (a task's name, unless it was given a group). */
    holds(group: string) {
      const found = groups.get(group);
      return found !== undefined && holds(found, deps.clock.now().getTime());
    },
    /**
     * Runs `run` every `intervalMs` in the process that holds the lease of `options.group`
     * (by default the task's own name). Tasks of one group never overlap; groups never wait
     * for each other.
     */
    every(name: string, intervalMs: number, run: (lease: TaskLease) => Promise<unknown>, options: { group?: string } = {}) {
      const groupName = options.group ?? name;
      let group = groups.get(groupName);
      if (!group) {
        group = { name: groupName, tasks: [], expiresAt: 0 };
        groups.set(groupName, group);
      }
      group.tasks.push({ name, intervalMs, run, nextAt: 0 });
    },
    /**
     * Renews the leases now, starts the due tasks of the idle groups it holds, and resolves
     * when those runs are done (tests drive the scheduler with an injected clock).
     */
    async tick() {
      try {
        await renew();
      } catch (error) {
        deps.logger.error({ err: error }, 'scheduler tick failed');
      }
      await Promise.all(dispatch());
    },
    start() {
      if (timers.length > 0) return;
      isStopped = false;
      const renewing = () => void renew().catch((error) => deps.logger.error({ err: error }, 'scheduler lease renewal failed'));
      renewing();
      timers.push(setInterval(renewing, Math.max(1, Math.floor(leaseTtlMs / 3))));
      timers.push(setInterval(() => void dispatch(), tickMs));
      for (const timer of timers) timer.unref();
    },
    /** Stops starting tasks, waits for running ones and lets the leases go. */
    async stop() {
      isStopped = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await renewing?.catch(() => {});
      await Promise.all([...groups.values()].map((group) => group.running));
      for (const group of groups.values()) {
        if (!group.lease) continue;
        group.lease = undefined;
        await deps.leases.release(leaseName(group), holder).catch(() => {});
      }
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
