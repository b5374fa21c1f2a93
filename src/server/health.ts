import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';
import { checkMetricsAccess, type MetricsAccess } from './metrics-access.js';

export interface Readiness {
  isReady: boolean;
  reason: string;
}

/** `/healthz` says the process lives; `/readyz` answers 200 only once migrations and the demo load are done. */
export async function operationsRoutes(
  app: FastifyInstance,
  opts: { readiness: Readiness; metrics: Metrics; metricsAccess: MetricsAccess },
) {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!opts.readiness.isReady) return reply.code(503).send({ status: 'starting', reason: opts.readiness.reason });
    return reply.send({ status: 'ready' });
  });
  app.get('/metrics', async (request, reply) => {
    checkMetricsAccess(request, opts.metricsAccess);
    reply.header('content-type', opts.metrics.registry.contentType).header('cache-control', 'no-store');
    return opts.metrics.registry.metrics();
  });
}
