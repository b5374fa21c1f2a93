import type { FastifyInstance } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { createErrorReply } from '../../http/error-reply.js';
import { methodNotAllowed } from '../../http/methods.js';
import { createResponder } from '../../http/responder.js';
import { baseSecurityHeaders } from '../../http/security-headers.js';
import type { PullOptions } from '../context.js';
import { hashApiKey, presentedKey } from './api-keys.js';
import { registerArticleRoutes } from './articles.js';
import { createFailedKeyLimit } from './failed-keys.js';
import { openApiDocument } from './openapi.js';
import { createTokenBuckets } from './token-bucket.js';

/** Wrong keys an address may present in a minute before it must wait (no guessing keys). */
export const failedKeysPerMinute = 10;

/**
 * The content API as one Fastify plugin, registered with `prefix: '/api/v1'`. Keys and rate
 * limits are checked before the shared response cache, so a cached answer is never a way
 * around them.
 */
export async function contentApiRoutes(app: FastifyInstance, opts: PullOptions): Promise<void> {
  const deps = { ...opts, responder: createResponder({ cache: opts.cache, clock: opts.clock, headers: baseSecurityHeaders }) };
  const buckets = createTokenBuckets({ clock: opts.clock });
  const failedKeys = createFailedKeyLimit({ clock: opts.clock, limit: failedKeysPerMinute });

  const errorReply = createErrorReply({ format: 'json', surface: 'content API' });
  app.setErrorHandler(errorReply);
  app.setNotFoundHandler((request, reply) =>
    errorReply(
      methodNotAllowed(app, request, reply) ??
        new LedeError('LEDE_HTTP_NOT_FOUND', `${request.method} ${request.url.split('?')[0]}: no such API resource`),
      request,
      reply,
    ),
  );

  app.addHook('onRequest', async (request, reply) => {
    // The `api` setting: without a valid key, 401 when `requireKey` (the OpenAPI description stays public).
    const setting = await opts.store.settings.get('api');
    const key = presentedKey(request.headers);
    if (key !== undefined) {
      const wait = failedKeys.retryAfterSeconds(request.ip);
      if (wait > 0) {
        throw new LedeError(
          'LEDE_HTTP_RATE_LIMITED',
          `too many wrong API keys from this address (${failedKeysPerMinute} a minute): retry in ${wait} s`,
          { retryAfterSeconds: wait },
        );
      }
    }
    const found = key === undefined ? undefined : await opts.store.apiKeys.findActiveByHash(hashApiKey(key));
    const isPublic = request.url.split('?')[0]?.endsWith('/openapi.json') ?? false;
    if (key !== undefined && !found) {
      failedKeys.recordFailure(request.ip);
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new LedeError('LEDE_HTTP_UNAUTHORIZED', 'the API key sent is unknown or revoked');
    }
    if (!found && setting.requireKey && !isPublic) {
      reply.header('www-authenticate', 'Bearer');
      throw new LedeError('LEDE_HTTP_UNAUTHORIZED', 'this API needs a key: send Authorization: Bearer KEY or X-Api-Key: KEY');
    }
    const decision = found ? buckets.take(`key:${found.id}`, setting.keyPerMinute) : buckets.take(`ip:${request.ip}`, setting.perMinute);
    reply.header('x-ratelimit-remaining', String(decision.remaining));
    if (!decision.isAllowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      throw new LedeError(
        'LEDE_HTTP_RATE_LIMITED',
        `too many requests from this ${found ? `key (${found.name})` : 'address'}: retry in ${decision.retryAfterSeconds} s`,
        { retryAfterSeconds: decision.retryAfterSeconds },
      );
    }
  });

  registerArticleRoutes(app, deps);
  app.get('/openapi.json', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=3600')
      .type('application/json; charset=utf-8')
      .send(openApiDocument(opts.config.publicUrl)),
  );
}
