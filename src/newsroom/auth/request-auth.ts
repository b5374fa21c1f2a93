import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { hasRole, type User, type UserRole } from '../../core/roles.js';
import type { Accounts } from './accounts.js';
import { isSameSecret } from './accounts.js';

/** Who is asking, and how: a session cookie (state changes need its CSRF token) or an API token. */
export interface NewsroomAuth {
  user: User;
  via: 'session' | 'token';
  csrfToken?: string;
  sessionIdHash?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the newsroom plugin for every request it authenticated. */
    newsroom: NewsroomAuth | null;
  }
  interface FastifyContextConfig {
    /** Answered without signing in (the login itself). */
    isPublic?: boolean;
    /** Open to an admin who must set up two-factor sign-in but has not yet (to set it up). */
    isTotpSetup?: boolean;
  }
}

export const sessionCookie = 'lede_session';
export const cookiePath = '/newsroom';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `Set-Cookie` for a session: HttpOnly, SameSite=Lax, Secure over HTTPS; `maxAge` 0 clears it. */
export function sessionCookieHeader(input: { value: string; maxAgeSeconds: number; isSecure: boolean }): string {
  const parts = [`${sessionCookie}=${input.value}`, `Path=${cookiePath}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${input.maxAgeSeconds}`];
  if (input.isSecure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Authenticates a newsroom request: `Authorization: Bearer` (an API token) or the session
 * cookie. A state-changing request on a session must carry its `X-CSRF-Token` (403 otherwise):
 * a cross-site form can send the cookie but cannot read the token. Bearer requests need none,
 * since no browser sends a bearer token by itself.
 */
export function createRequestAuth(deps: { accounts: Accounts; requiresAdminTotp: () => Promise<boolean> }) {
  const authenticate = async (request: FastifyRequest): Promise<NewsroomAuth | null> => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const user = token ? await deps.accounts.fromToken(token) : undefined;
      if (!user) throw new LedeError('LEDE_AUTH_REQUIRED', 'the bearer token is unknown or revoked');
      return { user, via: 'token' };
    }
    const sessionId = readCookie(request.headers.cookie, sessionCookie);
    const session = sessionId ? await deps.accounts.fromSession(sessionId) : undefined;
    if (!session) return null;
    return { user: session.user, via: 'session', csrfToken: session.csrfToken, sessionIdHash: session.idHash };
  };

  return {
    /** The plugin's onRequest hook. */
    async onRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
      const config = request.routeOptions.config;
      const auth = await authenticate(request);
      request.newsroom = auth;
      if (config.isPublic) return;
      if (!auth) throw new LedeError('LEDE_AUTH_REQUIRED', 'sign in first (POST session) or send Authorization: Bearer with an API token');
      if (auth.via === 'session' && !safeMethods.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !auth.csrfToken || !isSameSecret(sent, auth.csrfToken)) {
          throw new LedeError('LEDE_AUTH_CSRF', 'X-CSRF-Token is missing or wrong: send the csrf_token given at sign-in', {
            details: { field: 'X-CSRF-Token' },
          });
        }
      }
      if (auth.user.role === 'admin' && !auth.user.isTotpEnabled && !config.isTotpSetup && (await deps.requiresAdminTotp())) {
        throw new LedeError('LEDE_AUTH_TOTP_REQUIRED', 'admins must set up two-factor sign-in first (POST session/totp)', {
          details: { field: 'totp' },
        });
      }
    },
  };
}

/** A preHandler that lets only these roles through (an admin counts as an editor): 403 otherwise. */
export function requireRole(...roles: UserRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const user = request.newsroom?.user;
    if (!user) throw new LedeError('LEDE_AUTH_REQUIRED', 'sign in first');
    if (!hasRole(user.role, roles)) {
      throw new LedeError('LEDE_AUTH_FORBIDDEN', `a ${user.role} may not do this (it needs ${roles.join(' or ')})`);
    }
  };
}

/** The signed-in user of a route behind the plugin's hook (always set there). */
export function userOf(request: FastifyRequest): User {
  const user = request.newsroom?.user;
  if (!user) throw new LedeError('LEDE_AUTH_REQUIRED', 'sign in first');
  return user;
}
