import type { FastifyInstance } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { cacheControl } from '../../http/responder.js';
import type { SiteContext } from '../site-context.js';

const idPattern = /^[A-Za-z0-9._:~-]{1,128}$/;

/** The story id from `{"id": "…"}`, sent as JSON or as text/plain by navigator.sendBeacon. */
export function beaconStoryId(body: unknown): string | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && idPattern.test(id) ? id : undefined;
}

export function registerBeaconRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.post('/beacon', { bodyLimit: 1024 }, async (request, reply) => {
    reply.header('cache-control', cacheControl.error);
    const id = beaconStoryId(request.body);
    if (id === undefined) {
      throw new LedeError('LEDE_HTTP_BAD_REQUEST', 'POST /beacon: the body must be {"id": "<story id>"}', { details: { field: 'id' } });
    }
    // Unknown or hidden stories are ignored, but still answered 204: a beacon has no reader to tell.
    const story = await ctx.store.stories.findById(id);
    if (story?.state === 'published') await ctx.store.views.record(id, ctx.clock.now());
    return reply.code(204).send();
  });
}
