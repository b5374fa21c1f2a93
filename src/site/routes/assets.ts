import type { FastifyInstance } from 'fastify';
import { cacheControl, preferredCoding } from '../../http/responder.js';
import { parseSiteCardFile } from '../site-card.js';
import type { SiteContext } from '../site-context.js';

/**
 * `/assets/site.<contenthash>.css|js`: the hash changes with the content, so cache forever.
 * `/assets/card.<hash>.jpg`: the share card of the current site name (site-card.ts).
 */
export function registerAssetRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const asset = ctx.assets.byPath.get(`/assets/${request.params.file}`);
    const cardHash = asset ? undefined : parseSiteCardFile(request.params.file);
    if (cardHash) {
      const card = await ctx.cards.get({ siteName: (await ctx.store.settings.get('site')).name, hash: cardHash });
      if (!card) return reply.callNotFound();
      const etag = `"${cardHash}"`;
      reply.header('cache-control', cacheControl.immutable).header('etag', etag).header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/jpeg').send(card);
    }
    if (!asset) return reply.callNotFound();
    const coding = preferredCoding(request.headers['accept-encoding']);
    const encoded = coding ? asset.encoded?.[coding] : undefined;
    // One strong validator per representation, as for cached pages.
    const etag = encoded ? `${asset.etag.slice(0, -1)}-${coding}"` : asset.etag;
    reply.header('cache-control', cacheControl.immutable).header('etag', etag).header('x-content-type-options', 'nosniff');
    if (asset.encoded) reply.header('vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    if (encoded && coding) reply.header('content-encoding', coding);
    return reply.type(asset.contentType).send(encoded ?? asset.body);
  });
}
