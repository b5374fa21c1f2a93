import type { FastifyInstance } from 'fastify';
import { cacheControl } from '../../http/responder.js';
import type { SiteContext } from '../site-context.js';

/** `/assets/site.<contenthash>.css|js`: the hash changes with the content, so cache forever. */
export function registerAssetRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const asset = ctx.assets.byPath.get(`/assets/${request.params.file}`);
    if (!asset) return reply.callNotFound();
    reply.header('cache-control', cacheControl.immutable).header('etag', asset.etag).header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.contentType).send(asset.body);
  });
}
