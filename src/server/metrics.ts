import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { SourceHealth } from '../ingest/sources/health.js';

/** Prometheus metrics of one process; a registry per app so tests can run several. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'lede_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    pageCache: new Counter({
      name: 'lede_page_cache_total',
      help: 'Page cache lookups by result',
      labelNames: ['result'],
      registers: [registry],
    }),
    events: new Counter({
      name: 'lede_events_total',
      help: 'Story events followed by this process',
      labelNames: ['kind'],
      registers: [registry],
    }),
    eventLag: new Gauge({
      name: 'lede_event_lag_seconds',
      help: 'Seconds from commit of the last event to this process applying it',
      registers: [registry],
    }),
    // Source health, set by the scheduler's `source-health` task (so in the lease holder).
    sourceSilent: new Gauge({
      name: 'lede_source_silent',
      help: '1 when a source that delivers has been silent longer than its idle time',
      labelNames: ['source'],
      registers: [registry],
    }),
    sourceIdleAlerts: new Counter({
      name: 'lede_source_idle_alerts_total',
      help: 'Idle alerts raised per source',
      labelNames: ['source'],
      registers: [registry],
    }),
    sourceLastItem: new Gauge({
      name: 'lede_source_last_item_timestamp_seconds',
      help: 'Unix time of the last new item from each source',
      labelNames: ['source'],
      registers: [registry],
    }),
    sourceItems24h: new Gauge({
      name: 'lede_source_items_24h',
      help: 'Versions stored from each source in the last 24 hours',
      labelNames: ['source'],
      registers: [registry],
    }),
    sourceErrors: new Gauge({
      name: 'lede_source_errors',
      help: 'Errors recorded for each source (bad files, failed feed polls)',
      labelNames: ['source'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Publishes source health as gauges (the idle alert counter is raised by the check itself). */
export function recordSourceHealth(metrics: Metrics, health: SourceHealth[]): void {
  for (const h of health) {
    const labels = { source: h.slug };
    metrics.sourceSilent.set(labels, h.isSilent ? 1 : 0);
    metrics.sourceItems24h.set(labels, h.itemsLast24h);
    metrics.sourceErrors.set(labels, h.errorsTotal);
    if (h.lastItemAt) metrics.sourceLastItem.set(labels, Date.parse(h.lastItemAt) / 1000);
  }
}
