import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedeError } from '../core/errors.js';
import { createErrorReply } from '../http/error-reply.js';
import { createPreviewTokens } from '../http/preview-token.js';
import { createAccounts } from './auth/accounts.js';
import { createRequestAuth, requireRole } from './auth/request-auth.js';
import type { NewsroomContext, NewsroomOptions } from './context.js';
import { registerMediaRoutes } from './media-routes.js';
import { createMediaUpload } from './media-upload.js';
import { createStoryOperations } from './operations/story-operations.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAuthorRoutes } from './routes/authors.js';
import { registerChannelRoutes } from './routes/channels.js';
import { registerLookupRoutes } from './routes/lookups.js';
import { registerMediaLibraryRoutes } from './routes/media-library.js';
import { registerPageRoutes } from './routes/pages.js';
import { registerSectionRoutes } from './routes/sections.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerSettingRoutes } from './routes/settings.js';
import { registerSourceRoutes } from './routes/sources.js';
import { registerStoryRoutes } from './routes/stories.js';
import { registerUserRoutes } from './routes/users.js';
import { registerWireRoutes } from './routes/wire.js';

export { requireRole } from './auth/request-auth.js';
export type { NewsroomConfig, NewsroomOptions } from './context.js';

/**
 * The newsroom's admin API as one Fastify plugin, registered with the prefix
 * `/newsroom/api/v1`: every request is authenticated (session cookie with CSRF token, or a
 * bearer API token) and decorated with its user (`request.newsroom`); each route checks roles
 * on the server with `requireRole`. Answers are JSON, never cached.
 */
export async function newsroomRoutes(app: FastifyInstance, opts: NewsroomOptions): Promise<void> {
  const accounts = createAccounts({ store: opts.store, clock: opts.clock });
  const ctx: NewsroomContext = {
    ...opts,
    accounts,
    stories: createStoryOperations({ store: opts.store, clock: opts.clock }),
    previews: createPreviewTokens({ store: opts.store }),
  };
  const auth = createRequestAuth({ accounts, requiresAdminTotp: async () => (await opts.store.settings.get('newsroom')).requireAdminTotp });

  app.setErrorHandler(createErrorReply({ format: 'json', surface: 'newsroom' }));
  const notFound = async (request: FastifyRequest) => {
    throw new LedeError('LEDE_HTTP_NOT_FOUND', `no newsroom API at ${request.method} ${request.url.split('?')[0]}`);
  };
  app.setNotFoundHandler(notFound);
  // Ours, not the client app's `/newsroom/*` (which answers its HTML shell): an unknown API
  // address is a JSON 404, after the sign-in check like any other.
  app.all('/*', notFound);
  app.decorateRequest('newsroom', null);
  // A story body may be up to 2,000,000 characters: room for it in JSON, beyond Fastify's 1 MiB default.
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= 8 * 1024 * 1024;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    await auth.onRequest(request, reply);
  });

  registerSessionRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerStoryRoutes(app, ctx);
  registerWireRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerSettingRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  registerLookupRoutes(app, ctx);
  registerAuthorRoutes(app, ctx);
  registerSectionRoutes(app, ctx);
  registerChannelRoutes(app, ctx);
  registerSourceRoutes(app, ctx);
  registerMediaLibraryRoutes(app, ctx);
  await registerMediaRoutes(app, {
    upload: createMediaUpload({ media: opts.store.media, storage: opts.media.storage, renditions: opts.media.renditions }),
    preHandler: requireRole('writer', 'editor', 'admin'),
  });
}
