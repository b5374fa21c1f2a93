import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { LedeError } from '../core/errors.js';

export interface MetricsAccess {
  /** `LEDE_TRUST_PROXY`: behind a proxy every request arrives from a local address. */
  trustProxy: boolean;
  /** `LEDE_METRICS_TOKEN`: a bearer token that opens `/metrics` from anywhere. */
  token?: string;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export const isLoopback = (address: string | undefined) => address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));

const isSameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Who may read `/metrics` (it names routes, sources and error counts): a caller with the
 * bearer token, or, when no proxy sits in front, a caller on this host (the socket's own
 * address, never `X-Forwarded-For`). Behind a proxy every request looks local, so there only
 * the token opens it. Throws the 401 or 403 to answer otherwise.
 */
export function checkMetricsAccess(request: FastifyRequest, access: MetricsAccess): void {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (bearer !== undefined) {
    if (access.token !== undefined && isSameToken(bearer, access.token)) return;
    throw new LedeError('LEDE_HTTP_UNAUTHORIZED', 'GET /metrics: the bearer token does not match LEDE_METRICS_TOKEN');
  }
  if (!access.trustProxy && isLoopback(request.socket.remoteAddress)) return;
  if (access.token !== undefined) {
    throw new LedeError('LEDE_HTTP_UNAUTHORIZED', 'GET /metrics: send Authorization: Bearer with LEDE_METRICS_TOKEN');
  }
  throw new LedeError(
    'LEDE_HTTP_FORBIDDEN',
    access.trustProxy
      ? 'GET /metrics: behind a proxy (LEDE_TRUST_PROXY=1) it is served only with a bearer token, and LEDE_METRICS_TOKEN is not set'
      : 'GET /metrics: served only to this host (loopback), or with a bearer token when LEDE_METRICS_TOKEN is set',
  );
}
