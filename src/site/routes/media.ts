import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseRenditionFile, renditionContentTypes, renditionRecipe, widthsFor } from '../../core/renditions.js';
import type { Media } from '../../core/story.js';
import { cacheControl } from '../../http/responder.js';
import { renditionKey } from '../../store/media-renditions.js';
import type { StoredFile } from '../../store/media-storage.js';
import type { SiteContext } from '../site-context.js';
import { notFoundPage } from './errors.js';

async function notFound(ctx: SiteContext, request: FastifyRequest, reply: FastifyReply) {
  const page = await notFoundPage(ctx, request);
  return ctx.pages.sendUncached(request, reply, { ...page, cacheControl: page.cacheControl });
}

/** The agency killed the picture: it leaves our site too, renditions and all, not only the stories using it. */
const gone = (reply: FastifyReply) =>
  reply.code(410).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('This picture was withdrawn.');

function sendFile(reply: FastifyReply, file: StoredFile, contentType: string) {
  return reply
    .type(contentType)
    .header('content-length', file.size)
    .header('cache-control', cacheControl.immutable)
    .header('x-content-type-options', 'nosniff')
    .header('last-modified', file.modifiedAt.toUTCString())
    .send(file.stream);
}

/**
 * `/media/{id}`: the stored picture (at most 1600 px, JPEG), for feeds, channels and the API.
 * `/media/{id}/r1-640.avif`: one responsive rendition (core/renditions.ts), made at ingest or
 * upload; one that is missing (a picture stored before renditions existed) is made at its first
 * request and kept. Both are cached forever by URL; the media row is read on every request, so
 * a killed picture answers 410 at once in every form.
 */
export function registerMediaRoute(app: FastifyInstance, ctx: SiteContext): void {
  const findLive = async (id: string): Promise<Media | 'gone' | undefined> => {
    const media = await ctx.store.media.findById(id);
    if (!media) return undefined;
    return media.killedAt ? 'gone' : media;
  };

  app.get<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    const media = await findLive(request.params.id);
    if (media === 'gone') return gone(reply);
    const file = media?.path ? await ctx.media.storage.open(media.path) : undefined;
    if (!media || !file) return notFound(ctx, request, reply);
    return sendFile(reply, file, media.contentType);
  });

  app.get<{ Params: { id: string; file: string } }>('/media/:id/:file', async (request, reply) => {
    const wanted = parseRenditionFile(request.params.file);
    const media = wanted?.recipe === renditionRecipe ? await findLive(request.params.id) : undefined;
    if (media === 'gone') return gone(reply);
    if (!wanted || !media || !widthsFor(media.width).includes(wanted.width)) return notFound(ctx, request, reply);
    const key = renditionKey(media.id, wanted.width, wanted.format);
    let file = await ctx.media.storage.open(key);
    if (!file) {
      try {
        await ctx.media.renditions.ensure(media);
      } catch (error) {
        // A stored file sharp cannot read (or one that is gone) has no renditions: the page's <img> shows its alt text.
        request.log.warn({ mediaId: media.id, err: (error as Error).message }, `renditions of picture ${media.id} could not be made`);
      }
      file = await ctx.media.storage.open(key);
    }
    if (!file) return notFound(ctx, request, reply);
    return sendFile(reply, file, renditionContentTypes[wanted.format]);
  });
}
