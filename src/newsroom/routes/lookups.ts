import type { FastifyInstance } from 'fastify';
import type { NewsroomContext } from '../context.js';
import { authorJson } from './authors.js';

/** What the editor's pickers list, for any signed-in user: sections, authors, sources. */
export function registerLookupRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  app.get('/sections', async () => ({
    items: (await ctx.store.sections.list()).map((s) => ({ slug: s.slug, name: s.name, position: s.position })),
  }));
  app.get('/authors', async () => ({
    items: (await ctx.store.authors.list()).map(authorJson),
  }));
  app.get('/sources', async () => ({
    items: (await ctx.store.sources.list()).map((s) => ({
      slug: s.slug,
      name: s.name,
      short_name: s.shortName,
      kind: s.kind,
      publish_rule: s.publishRule,
      usage_notice: s.usageNotice ?? null,
    })),
  }));
}
