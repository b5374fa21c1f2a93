import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import type { Page, Redirect } from '../../core/story.js';
import { maxRedirectPathLength, reservedPathPattern } from '../../core/urls.js';
import { sanitizeBody } from '../../ingest/sanitize.js';
import type { Repos } from '../../store/types.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput } from '../schemas.js';

const pageSlug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by single hyphens')
  .max(80, 'must be at most 80 characters');
const pageInput = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  body_html: z.string().max(1_000_000, 'must be at most 1,000,000 characters'),
});
/** A site path: one leading slash (not two: `//host` is another site), no query (redirects match the path). */
const sitePath = z
  .string()
  .trim()
  .max(maxRedirectPathLength)
  .regex(/^\/(?!\/)[^?#\s]*$/, 'must be a path on this site starting with a single /, without ? or #')
  .refine((path) => !reservedPathPattern.test(path), 'must not be under /newsroom, /api, /preview, /assets or /media');
const redirectInput = z.strictObject({
  from: sitePath,
  to: z
    .string()
    .trim()
    .max(2000)
    .regex(/^(\/(?!\/)\S*|https?:\/\/\S+)$/, 'must be a path starting with a single / or an http(s) URL'),
});

const pageJson = (page: Page) => ({
  slug: page.slug,
  title: page.title,
  body_html: page.bodyHtml,
  updated_at: page.updatedAt,
  updated_by: page.updatedBy ?? null,
});
const redirectJson = (r: Redirect) => ({ from: r.fromPath, to: r.toPath, created_at: r.createdAt, created_by: r.createdBy ?? null });

/**
 * Static pages (`/page/{slug}`) and 301 redirects, for editors and admins. A write appends a
 * `settings` event in its transaction, so every process's cached pages follow it.
 */
export function registerPageRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const editor = { preHandler: requireRole('editor') };
  const write = (
    request: FastifyRequest,
    what: { action: string; key: string; details: Record<string, unknown> },
    work: (tx: Repos) => Promise<void>,
  ) =>
    ctx.store.transaction(async (tx) => {
      await work(tx);
      const at = ctx.clock.now().toISOString();
      await tx.events.append({ storyId: what.key, kind: 'settings', origin: 'editor', at });
      await tx.audit.append({ at, userId: userOf(request).id, action: what.action, details: what.details });
    });
  const slugOf = (slug: string) => parseInput(z.strictObject({ slug: pageSlug }), { slug }, 'slug').slug;

  app.get('/pages', async () => ({ items: (await ctx.store.pages.list()).map(pageJson) }));

  app.get<{ Params: { slug: string } }>('/pages/:slug', async (request) => {
    const page = await ctx.store.pages.find(request.params.slug);
    if (!page) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no page ${request.params.slug}`);
    return pageJson(page);
  });

  app.put<{ Params: { slug: string } }>('/pages/:slug', editor, async (request) => {
    const slug = slugOf(request.params.slug);
    const input = parseInput(pageInput, request.body);
    const page: Page = {
      slug,
      title: input.title,
      bodyHtml: sanitizeBody(input.body_html.normalize('NFC')),
      updatedAt: ctx.clock.now().toISOString(),
      updatedBy: userOf(request).id,
    };
    await write(request, { action: 'page.put', key: `pages:${slug}`, details: { slug } }, (tx) => tx.pages.upsert(page));
    return pageJson(page);
  });

  app.delete<{ Params: { slug: string } }>('/pages/:slug', editor, async (request, reply) => {
    const slug = request.params.slug;
    await write(request, { action: 'page.delete', key: `pages:${slug}`, details: { slug } }, async (tx) => {
      if (!(await tx.pages.remove(slug))) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no page ${slug}`);
    });
    return reply.code(204).send();
  });

  app.get('/redirects', editor, async () => ({ items: (await ctx.store.redirects.list()).map(redirectJson) }));

  app.post('/redirects', editor, async (request, reply) => {
    const input = parseInput(redirectInput, request.body);
    if (input.from === input.to) throw new LedeError('LEDE_NEWSROOM_INVALID', 'to: must differ from from', { details: { field: 'to' } });
    const redirect: Redirect = {
      fromPath: input.from,
      toPath: input.to,
      createdAt: ctx.clock.now().toISOString(),
      createdBy: userOf(request).id,
    };
    await write(request, { action: 'redirect.add', key: 'redirects', details: { from: input.from, to: input.to } }, (tx) =>
      tx.redirects.upsert(redirect),
    );
    return reply.code(201).send(redirectJson(redirect));
  });

  app.delete('/redirects', editor, async (request, reply) => {
    const from = (request.query as { from?: unknown }).from ?? (request.body as { from?: unknown } | undefined)?.from;
    const { from: path } = parseInput(z.strictObject({ from: sitePath }), { from }, 'from');
    await write(request, { action: 'redirect.remove', key: 'redirects', details: { from: path } }, async (tx) => {
      if (!(await tx.redirects.remove(path))) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no redirect from ${path}`);
    });
    return reply.code(204).send();
  });
}
