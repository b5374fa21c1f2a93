import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import type { Media } from '../../core/story.js';
import { mediaPath } from '../../core/urls.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput } from '../schemas.js';

const listQuery = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 100').max(100, 'must be 1 to 100').optional(),
});

const optional = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
/** Alt text stays required, as at upload; caption and credit may be emptied. */
const mediaPatch = z.strictObject({
  alt: optional(500).min(1, 'must not be empty: describe the picture').optional(),
  caption: optional(1000).optional(),
  credit: optional(200).optional(),
});

const mediaJson = (m: Media) => ({
  id: m.id,
  width: m.width,
  height: m.height,
  url: mediaPath(m.id),
  alt: m.alt ?? null,
  caption: m.caption ?? null,
  credit: m.credit ?? null,
  byline: m.byline ?? null,
  source: m.source ?? null,
});

/** An opaque keyset cursor: the last picture's place in the order (newest first). */
const encodeMediaCursor = (m: Media) => Buffer.from(JSON.stringify([m.addedAt ?? '', m.id])).toString('base64url');

function decodeMediaCursor(cursor: string | undefined): { addedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [addedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof addedAt === 'string' && typeof id === 'string') return { addedAt, id };
  } catch {
    // answered below
  }
  throw new LedeError('LEDE_NEWSROOM_INVALID', 'cursor: is not a cursor this API gave', { details: { field: 'cursor' } });
}

/**
 * The media library: uploaded and ingested pictures (not killed), newest first, searchable by their texts, and
 * their caption, credit and alt text edited. A story's hero keeps its own copy of those texts.
 */
export function registerMediaLibraryRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const anyone = { preHandler: requireRole('writer', 'editor', 'admin') };
  const editor = { preHandler: requireRole('editor', 'admin') };

  app.get('/media', anyone, async (request) => {
    const query = parseInput(listQuery, request.query, 'query');
    const limit = query.limit ?? 48;
    const items = await ctx.store.media.list({ limit: limit + 1, after: decodeMediaCursor(query.cursor), q: query.q || undefined });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(mediaJson), next_cursor: items.length > limit && last ? encodeMediaCursor(last) : null };
  });

  app.patch<{ Params: { id: string } }>('/media/:id', editor, async (request) => {
    const input = parseInput(mediaPatch, request.body);
    const media = await ctx.store.transaction(async (tx) => {
      const current = await tx.media.findById(request.params.id);
      if (!current || current.killedAt) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no picture ${request.params.id}`);
      const next: Media = { ...current };
      for (const field of ['alt', 'caption', 'credit'] as const) {
        if (input[field] !== undefined) next[field] = input[field] || undefined;
      }
      await tx.media.upsert(next);
      const fields = Object.keys(input);
      await tx.audit.append({
        at: ctx.clock.now().toISOString(),
        userId: userOf(request).id,
        action: 'media.edit',
        details: { id: next.id, fields },
      });
      return next;
    });
    return mediaJson(media);
  });
}
