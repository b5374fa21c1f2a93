import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput } from '../schemas.js';

const auditQuery = z.strictObject({
  story: z.string().max(100).optional(),
  user: z.string().max(100).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** The audit log (admins): who did what, when, on which story; newest first, `before` pages on. */
export function registerAuditRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  app.get('/audit', { preHandler: requireRole('admin') }, async (request) => {
    const query = parseInput(auditQuery, request.query, 'query');
    const limit = query.limit ?? 50;
    const entries = await ctx.store.audit.list({ storyId: query.story, userId: query.user, beforeId: query.before, limit });
    return {
      items: entries.map((e) => ({
        id: e.id,
        at: e.at,
        user: e.userId ?? null,
        action: e.action,
        story: e.storyId ?? null,
        revision: e.revision ?? null,
        details: e.details,
      })),
      next_before: entries.length === limit ? entries.at(-1)!.id : null,
    };
  });
}
