import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LedeError } from '../core/errors.js';

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The methods some route answers at `url` (a concrete path, query ignored). */
export function allowedMethods(app: FastifyInstance, url: string): string[] {
  const path = url.split('?')[0] ?? '/';
  return methods.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/**
 * For a not-found handler: when the path is known but not for this method, the 405 to answer
 * instead of 404 (RFC 9110 §15.5.6), with `Allow` set on the reply; otherwise undefined.
 */
export function methodNotAllowed(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): LedeError | undefined {
  const allow = allowedMethods(app, request.url);
  if (allow.length === 0 || allow.includes(request.method)) return undefined;
  reply.header('allow', allow.join(', '));
  const path = request.url.split('?')[0];
  return new LedeError('LEDE_HTTP_METHOD_NOT_ALLOWED', `${request.method} ${path}: this address answers ${allow.join(', ')} only`, {
    details: { allow },
  });
}
