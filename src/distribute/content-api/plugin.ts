import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { type ErrorCode, isLedeError, LedeError } from '../../core/errors.js';
import type { PullOptions } from '../context.js';
import { createResponder } from '../responder.js';
import { hashApiKey, presentedKey } from './api-keys.js';
import { registerArticleRoutes } from './articles.js';
import { openApiDocument } from './openapi.js';
import { createTokenBuckets } from './token-bucket.js';

export function sendApiError(reply: FastifyReply, error: { code: ErrorCode; message: string; statusCode: number; parameter?: string }) {
  const body = { error: { code: error.code, message: error.message, ...(error.parameter ? { parameter: error.parameter } : {}) } };
  return reply.code(error.statusCode).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
}

/**
 * The content API as one Fastify plugin, registered with `prefix: '/api/v1'`. Keys and rate
 * limits are checked before the shared response cache, so a cached answer is never a way
 * around them.
 */
export async function contentApiRoutes(app: FastifyInstance, opts: PullOptions): Promise<void> {
  const deps = { ...opts, responder: createResponder({ cache: opts.cache, clock: opts.clock }) };
  const buckets = createTokenBuckets({ clock: opts.clock });

  app.setErrorHandler(async (error: FastifyError | LedeError, request, reply) => {
    if (isLedeError(error) && error.statusCode !== undefined && error.statusCode < 500) {
      request.log.info({ code: error.code, status: error.statusCode }, error.message);
      const parameter = typeof error.details.parameter === 'string' ? error.details.parameter : undefined;
      return sendApiError(reply, { code: error.code, message: error.message, statusCode: error.statusCode, parameter });
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error, url: request.url }, 'content API request failed');
      return reply
        .code(500)
        .header('cache-control', 'no-store')
        .send({ error: { message: 'Server error' } });
    }
    return sendApiError(reply, { code: 'LEDE_HTTP_BAD_REQUEST', message: error.message, statusCode: status });
  });

  app.setNotFoundHandler((request, reply) =>
    sendApiError(reply, {
      code: 'LEDE_HTTP_NOT_FOUND',
      message: `${request.method} ${request.url.split('?')[0]}: no such API resource`,
      statusCode: 404,
    }),
  );

  app.addHook('onRequest', async (request, reply) => {
    // The `api` setting: without a valid key, 401 when `requireKey` (the OpenAPI description stays public).
    const setting = await opts.store.settings.get('api');
    const key = presentedKey(request.headers);
    const found = key === undefined ? undefined : await opts.store.apiKeys.findActiveByHash(hashApiKey(key));
    const isPublic = request.url.split('?')[0]?.endsWith('/openapi.json') ?? false;
    if (key !== undefined && !found) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new LedeError('LEDE_HTTP_UNAUTHORIZED', 'the API key sent is unknown or revoked', { statusCode: 401 });
    }
    if (!found && setting.requireKey && !isPublic) {
      reply.header('www-authenticate', 'Bearer');
      throw new LedeError('LEDE_HTTP_UNAUTHORIZED', 'this API needs a key: send Authorization: Bearer KEY or X-Api-Key: KEY', {
        statusCode: 401,
      });
    }
    const decision = found ? buckets.take(`key:${found.id}`, setting.keyPerMinute) : buckets.take(`ip:${request.ip}`, setting.perMinute);
    reply.header('x-ratelimit-remaining', String(decision.remaining));
    if (!decision.isAllowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      throw new LedeError(
        'LEDE_HTTP_RATE_LIMITED',
        `too many requests from this ${found ? `key (${found.name})` : 'address'}: retry in ${decision.retryAfterSeconds} s`,
        { statusCode: 429 },
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
