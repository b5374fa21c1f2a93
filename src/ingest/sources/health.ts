import type { Clock } from '../../core/clock.js';
import type { Store } from '../../store/types.js';
import type { Logger } from '../pipeline.js';

/** One source's health, for `/metrics`, `lede sources list` and (later) the newsroom. */
export interface SourceHealth {
  slug: string;
  name: string;
  lastItemAt?: string;
  itemsLast24h: number;
  errorsTotal: number;
  lastError?: string;
  lastErrorAt?: string;
  idleMinutes?: number;
  /** Has delivered before, and has now been silent for longer than its idle time. */
  isSilent: boolean;
  silentSince?: string;
}

/**
 * Source health from the stored status. `check()` (run by the scheduler, so in one process)
 * also raises the idle alert once per silence: a warn log line and `onAlert` (a metric).
 * The next new item clears it (SourceRepo.recordDelivery).
 */
export function createSourceHealth(deps: { store: Store; clock: Clock; logger?: Logger; onAlert?: (health: SourceHealth) => void }) {
  const list = async (): Promise<SourceHealth[]> => {
    const now = deps.clock.now();
    const statuses = new Map((await deps.store.sources.listStatus(now)).map((s) => [s.sourceSlug, s]));
    return (await deps.store.sources.list()).map((source) => {
      const status = statuses.get(source.slug);
      const idleMinutes = source.rules?.idleMinutes;
      const lastItem = status?.lastItemAt ? Date.parse(status.lastItemAt) : undefined;
      const isSilent = idleMinutes !== undefined && lastItem !== undefined && now.getTime() - lastItem > idleMinutes * 60_000;
      return {
        slug: source.slug,
        name: source.name,
        lastItemAt: status?.lastItemAt,
        itemsLast24h: status?.itemsLast24h ?? 0,
        errorsTotal: status?.errorsTotal ?? 0,
        lastError: status?.lastError,
        lastErrorAt: status?.lastErrorAt,
        idleMinutes,
        isSilent,
        silentSince: status?.silentSince,
      };
    });
  };

  return {
    list,
    async check(): Promise<SourceHealth[]> {
      const all = await list();
      const now = deps.clock.now().toISOString();
      for (const health of all) {
        if (!health.isSilent || health.silentSince) continue;
        await deps.store.sources.setSilentSince(health.slug, now);
        health.silentSince = now;
        deps.logger?.warn(
          { source: health.slug, lastItemAt: health.lastItemAt, idleMinutes: health.idleMinutes },
          `source ${health.slug} has been silent since ${health.lastItemAt}, longer than its idle time of ${health.idleMinutes} minutes`,
        );
        deps.onAlert?.(health);
      }
      return all;
    },
  };
}

export type SourceHealthMonitor = ReturnType<typeof createSourceHealth>;
