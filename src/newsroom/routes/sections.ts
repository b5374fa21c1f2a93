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
}
