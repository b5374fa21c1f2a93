import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { cacheControl } from '../../http/responder.js';
import type { SiteContext } from '../site-context.js';
import { notFoundPage } from './errors.js';

/** `Media.path` inside `mediaDir`, or undefined if it would step outside it. */
export function mediaFile(mediaDir: string, path: string): string | undefined {
  const root = resolve(mediaDir);
  const file = resolve(root, path);
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? file : undefined;
}

export function registerMediaRoute(app: FastifyInstance, ctx: SiteContext): void {
  app.get<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    const media = await ctx.store.media.findById(request.params.id);
    const file = media ? mediaFile(ctx.config.mediaDir, media.path) : undefined;
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (!media || !file || !info?.isFile()) {
      const page = await notFoundPage(ctx, request);
      return ctx.pages.sendUncached(request, reply, { ...page, cacheControl: page.cacheControl });
    }
    // The agency killed the picture: it leaves our site too, not only the stories using it.
    if (media.killedAt)
      return reply.code(410).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('This picture was withdrawn.');
    return reply
      .type(media.contentType)
      .header('content-length', info.size)
      .header('cache-control', cacheControl.immutable)
      .header('x-content-type-options', 'nosniff')
      .header('last-modified', info.mtime.toUTCString())
      .send(createReadStream(file));
  });
}
