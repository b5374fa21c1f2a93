import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
