import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput, slug } from '../schemas.js';

const sectionsInput = z
  .array(z.strictObject({ slug, name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }))
  .min(1, 'must list at least one section')
  .max(100, 'must have at most 100 sections');

/**
 * The site's sections in navigation order (admins): `PUT sections` takes the whole list, so an
 * order is never half-saved; a section missing from it is refused, since stories still file under it.
 * `DELETE sections/{slug}` removes one that no story (in any state) is filed under, else answers
 * 409 with how many are: a story's section is part of its URL, so moving stories is a deliberate
 * edit of each (with its redirect), never a side effect of tidying the navigation.
 */
export function registerSectionRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  app.put('/sections', { preHandler: requireRole('admin') }, async (request) => {
    const input = parseInput(sectionsInput, request.body, 'sections');
    const slugs = input.map((s) => s.slug);
    const twice = slugs.find((s, i) => slugs.indexOf(s) !== i);
    if (twice) throw new LedeError('LEDE_NEWSROOM_INVALID', `sections: ${twice} is listed twice`, { details: { field: 'sections' } });
    await ctx.store.transaction(async (tx) => {
      const stored = new Map((await tx.sections.list()).map((s) => [s.slug, s]));
      const missing = [...stored.keys()].filter((s) => !slugs.includes(s));
      if (missing.length > 0)
        throw new LedeError('LEDE_NEWSROOM_INVALID', `sections: must list every section (missing: ${missing.join(', ')})`, {
          details: { field: 'sections' },
        });
      for (const [position, section] of input.entries()) {
        const old = stored.get(section.slug);
        if (old && old.name === section.name && old.position === position) continue;
        await tx.sections.upsert({ slug: section.slug, name: section.name, position, subjects: old?.subjects ?? [] });
      }
      await tx.audit.append({ at: ctx.clock.now().toISOString(), userId: userOf(request).id, action: 'sections.set', details: { slugs } });
    });
    return { items: (await ctx.store.sections.list()).map((s) => ({ slug: s.slug, name: s.name, position: s.position })) };
  });

  app.delete<{ Params: { slug: string } }>('/sections/:slug', { preHandler: requireRole('admin') }, async (request, reply) => {
    const { slug: sectionSlug } = request.params;
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.sections.findBySlug(sectionSlug))) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no section ${sectionSlug}`);
      const { storyCount } = await tx.sections.remove(sectionSlug);
      if (storyCount > 0)
        throw new LedeError(
          'LEDE_NEWSROOM_IN_USE',
          `${sectionSlug}: ${storyCount} ${storyCount === 1 ? 'story is' : 'stories are'} filed under this section; move ${storyCount === 1 ? 'it' : 'them'} to another section first`,
          { details: { field: 'slug' } },
        );
      await tx.audit.append({
        at: ctx.clock.now().toISOString(),
        userId: userOf(request).id,
        action: 'section.delete',
        details: { slug: sectionSlug },
      });
    });
    return reply.code(204).send();
  });
}
