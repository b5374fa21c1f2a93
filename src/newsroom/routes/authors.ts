import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import { socialLinkSchema } from '../../core/settings-catalogue.js';
import type { Author } from '../../core/story.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput, slug } from '../schemas.js';

const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();
const authorInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  role: optionalText(200),
  bio: optionalText(2000),
  avatar_media_id: z.string().trim().max(200, 'must be at most 200 characters').nullable().optional(),
  links: z.array(socialLinkSchema).max(10, 'must have at most 10 links').optional(),
});

export const authorJson = (a: Author) => ({
  slug: a.slug,
  name: a.name,
  role: a.role ?? null,
  bio: a.bio ?? null,
  avatar_media_id: a.avatarMediaId ?? null,
  links: a.links ?? [],
});

/**
 * Author profiles (editors and admins), shown at `/author/{slug}`: the store logs the change as a
 * `settings` event, so cached pages follow, and the audit row is written in the same transaction.
 * `DELETE authors/{slug}` removes a profile no story credits (a duplicate, a typo) and answers 409
 * with how many stories do otherwise: a byline on published copy is part of the record, and the
 * author page of someone who left keeps listing their work.
 */
export function registerAuthorRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  app.get<{ Params: { slug: string } }>('/authors/:slug', async (request) => {
    const author = await ctx.store.authors.findBySlug(request.params.slug);
    if (!author) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no author ${request.params.slug}`);
    return authorJson(author);
  });

  app.put<{ Params: { slug: string } }>('/authors/:slug', { preHandler: requireRole('editor') }, async (request, reply) => {
    const { slug: authorSlug } = parseInput(z.strictObject({ slug }), { slug: request.params.slug }, 'slug');
    const input = parseInput(authorInput, request.body);
    const avatar = input.avatar_media_id || undefined;
    if (avatar && !(await ctx.store.media.findById(avatar)))
      throw new LedeError('LEDE_NEWSROOM_INVALID', `avatar_media_id: no uploaded picture ${avatar}`, {
        details: { field: 'avatar_media_id' },
      });
    const stored = await ctx.store.authors.findBySlug(authorSlug);
    const author: Author = {
      ...stored,
      slug: authorSlug,
      name: input.name,
      role: input.role || undefined,
      bio: input.bio || undefined,
      avatarMediaId: input.avatar_media_id === undefined ? stored?.avatarMediaId : avatar,
      links: input.links ?? stored?.links ?? [],
    };
    await ctx.store.transaction(async (tx) => {
      await tx.authors.upsert(author);
      await tx.audit.append({
        at: ctx.clock.now().toISOString(),
        userId: userOf(request).id,
        action: stored ? 'author.update' : 'author.add',
        details: { slug: authorSlug },
      });
    });
    return reply.code(stored ? 200 : 201).send(authorJson(author));
  });

  app.delete<{ Params: { slug: string } }>('/authors/:slug', { preHandler: requireRole('editor') }, async (request, reply) => {
    const { slug: authorSlug } = request.params;
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.authors.findBySlug(authorSlug))) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no author ${authorSlug}`);
      const { storyCount } = await tx.authors.remove(authorSlug);
      if (storyCount > 0)
        throw new LedeError(
          'LEDE_NEWSROOM_IN_USE',
          `${authorSlug}: ${storyCount} ${storyCount === 1 ? 'story credits' : 'stories credit'} this author; take the author off ${storyCount === 1 ? 'it' : 'them'} first, or keep the profile`,
          { details: { field: 'slug' } },
        );
      await tx.audit.append({
        at: ctx.clock.now().toISOString(),
        userId: userOf(request).id,
        action: 'author.delete',
        details: { slug: authorSlug },
      });
    });
    return reply.code(204).send();
  });
}
