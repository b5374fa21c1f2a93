import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { sectionPath } from '../../core/urls.js';
import { createErrorReply, type PublicError } from '../../http/error-reply.js';
import { methodNotAllowed } from '../../http/methods.js';
import { cacheControl, type Rendered } from '../../http/responder.js';
import { pageSecurityHeaders } from '../../http/security-headers.js';
import type { SiteContext } from '../site-context.js';
import { renderBadRequest, renderGone, renderNotFound, renderServerError } from '../views/error-pages.js';

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

/**
 * A 404 is cached too, tagged so that the next publish (which may create the page) purges it.
 * An address an editor redirected (newsroom `redirects`) answers 301 instead; both carry the
 * `settings` tag, which a change of the redirects purges.
 */
export async function notFoundPage(ctx: SiteContext, request: FastifyRequest, extraTags: string[] = []): Promise<Rendered> {
  const redirect = await ctx.store.redirects.find(pathOf(request));
  if (redirect) return redirectPage(redirect.toPath, ['settings', ...extraTags]);
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

/** The styled page for an error answer: not found, bad request, or (5xx) an apology that shows nothing of the error. */
async function errorPageBody(ctx: SiteContext, request: FastifyRequest, error: PublicError): Promise<string> {
  if (error.status >= 500) return renderServerError(ctx.views.lastKnown(), pathOf(request)).toString();
  const { view } = await ctx.views.load();
  if (error.status === 404) return renderNotFound(view, pathOf(request)).toString();
  return renderBadRequest(view, pathOf(request), 'This address has a parameter we do not understand.').toString();
}

export function registerErrorHandlers(app: FastifyInstance, ctx: SiteContext): void {
  const errorReply = createErrorReply({
    format: (request) => (request.method === 'GET' || request.method === 'HEAD' ? 'html' : 'text'),
    surface: 'site',
    renderHtml: (error, request) => errorPageBody(ctx, request, error),
    headers: pageSecurityHeaders,
  });
  app.setNotFoundHandler(async (request, reply) => {
    const wrongMethod = methodNotAllowed(app, request, reply);
    if (wrongMethod) return errorReply(wrongMethod, request, reply);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorReply(new LedeError('LEDE_HTTP_NOT_FOUND', `${request.method} ${pathOf(request)}: no such address`), request, reply);
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

  // Readers get the styled pages; scripts posting the beacon get text, the fragment's JSON callers JSON.
  app.setErrorHandler(errorReply);
}
