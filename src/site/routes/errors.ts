import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedeError } from '../../core/errors.js';
import { sectionPath } from '../../core/urls.js';
import { cacheControl, type Rendered } from '../../http/responder.js';
import type { SiteContext } from '../site-context.js';
import { renderBadRequest, renderGone, renderNotFound, renderServerError } from '../views/error-pages.js';

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

/** A 404 is cached too, tagged so that the next publish (which may create the page) purges it. */
export async function notFoundPage(ctx: SiteContext, request: FastifyRequest, extraTags: string[] = []): Promise<Rendered> {
  const { view, tags } = await ctx.views.load();
  return {
    status: 404,
    body: renderNotFound(view, pathOf(request)),
    tags: ['list:home', ...extraTags, ...tags],
    cacheControl: cacheControl.notFound,
  };
}

export async function gonePage(ctx: SiteContext, request: FastifyRequest, storyId: string): Promise<Rendered> {
  const { view, tags } = await ctx.views.load();
  return { status: 410, body: renderGone(view, pathOf(request)), tags: [`story:${storyId}`, ...tags], cacheControl: cacheControl.gone };
}

export async function badRequestPage(ctx: SiteContext, request: FastifyRequest, reason: string): Promise<Rendered> {
  const { view, tags } = await ctx.views.load();
  return {
    status: 400,
    body: renderBadRequest(view, pathOf(request), reason),
    tags: ['list:home', ...tags],
    cacheControl: cacheControl.notFound,
  };
}

export function redirectPage(location: string, tags: string[]): Rendered {
  return { status: 301, body: '', tags, location, cacheControl: cacheControl.page, contentType: 'text/plain; charset=utf-8' };
}

async function sendServerError(ctx: SiteContext, request: FastifyRequest, reply: FastifyReply) {
  const body = renderServerError(ctx.views.lastKnown(), pathOf(request));
  return ctx.pages.sendUncached(request, reply, { status: 500, body, tags: [], cacheControl: cacheControl.error });
}

export function registerErrorHandlers(app: FastifyInstance, ctx: SiteContext): void {
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', cacheControl.error).send('Not found');
    }
    return ctx.pages.send(request, reply, async () => {
      // `/world` for `/world/`: a section without its trailing slash.
      const single = /^\/([^/]+)$/.exec(pathOf(request));
      if (single?.[1]) {
        let slug: string | undefined;
        try {
          slug = decodeURIComponent(single[1]);
        } catch {
          slug = undefined;
        }
        const section = slug === undefined ? undefined : await ctx.store.sections.findBySlug(slug);
        if (section) return redirectPage(sectionPath(section.slug), ['settings']);
      }
      return notFoundPage(ctx, request);
    });
  });

  app.setErrorHandler(async (error: FastifyError | LedeError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'site request failed');
      return sendServerError(ctx, request, reply);
    }
    request.log.info({ code: error.code, status }, error.message);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .header('cache-control', cacheControl.error)
        .send(status === 404 ? 'Not found' : 'Bad request');
    }
    try {
      const page =
        status === 404
          ? await notFoundPage(ctx, request)
          : await badRequestPage(ctx, request, 'This address has a parameter we do not understand.');
      return ctx.pages.sendUncached(request, reply, { ...page, status, cacheControl: cacheControl.error });
    } catch (renderError) {
      request.log.error({ err: renderError }, 'site error page failed');
      return sendServerError(ctx, request, reply);
    }
  });
}
