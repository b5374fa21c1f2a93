import type { FastifyInstance, FastifyReply } from 'fastify';
import { cacheControl } from '../http/responder.js';
import { baseSecurityHeaders, newsroomSecurityHeaders } from '../http/security-headers.js';
import { loadNewsroomClient, type NewsroomClient } from './client-assets.js';

export interface NewsroomClientOptions {
  /** The build output (default `dist/newsroom-app/`); tests may build elsewhere. */
  clientDir?: string;
}

const prefix = '/newsroom';
const assetBase = `${prefix}/assets/`;

/**
 * The newsroom's browser client: `/newsroom/` and every client route answer the HTML shell
 * (never cached: a new build must be picked up at once), and `/newsroom/assets/<name>.<hash>.*`
 * the built files, cached for a year (a new content has a new name). The admin API under
 * `/newsroom/api/` is a separate plugin; its unknown paths are not answered with the shell.
 */
export async function newsroomClientRoutes(app: FastifyInstance, options: NewsroomClientOptions): Promise<void> {
  let client: NewsroomClient | undefined = await loadNewsroomClient({ dir: options.clientDir, assetBase });
  // Built after the server started (a first `npm run build` in another shell): look again.
  const current = async () => {
    client ??= await loadNewsroomClient({ dir: options.clientDir, assetBase });
    return client;
  };

  const sendShell = async (reply: FastifyReply) => {
    const loaded = await current();
    reply.headers(newsroomSecurityHeaders).header('cache-control', cacheControl.private);
    if (!loaded)
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The newsroom client is not built: run `npm run build` (it writes dist/newsroom-app/).\n');
    return reply.type('text/html; charset=utf-8').send(loaded.shell);
  };

  app.get(prefix, async (_request, reply) => reply.redirect(`${prefix}/`, 301));
  app.get(`${prefix}/`, async (_request, reply) => sendShell(reply));
  app.get<{ Params: { '*': string } }>(`${prefix}/*`, async (request, reply) => {
    const rest = request.params['*'];
    if (rest === 'api' || rest.startsWith('api/') || rest.startsWith('assets/')) return reply.callNotFound();
    return sendShell(reply);
  });
  app.get<{ Params: { file: string } }>(`${assetBase}:file`, async (request, reply) => {
    const asset = (await current())?.assets.get(request.params.file);
    if (!asset) return reply.callNotFound();
    reply.headers(baseSecurityHeaders).header('cache-control', cacheControl.immutable).header('etag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.contentType).send(asset.body);
  });
}
