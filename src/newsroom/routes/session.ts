import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedeError } from '../../core/errors.js';
import type { User } from '../../core/roles.js';
import { sessionCookieHeader, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { loginInput, parseInput, totpCodeInput } from '../schemas.js';

export const userJson = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  totp_enabled: user.isTotpEnabled,
});

/** Sign-in, sign-out, "log out everywhere" and two-factor set-up of the signed-in user. */
export function registerSessionRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const isSecure = (request: FastifyRequest) => request.protocol === 'https' || ctx.config.publicUrl.startsWith('https:');

  app.post('/session', { config: { isPublic: true } }, async (request, reply) => {
    const input = parseInput(loginInput, request.body);
    const signedIn = await ctx.accounts.login({ ...input, address: request.ip });
    const maxAgeSeconds = Math.floor((Date.parse(signedIn.expiresAt) - ctx.clock.now().getTime()) / 1000);
    reply.header('set-cookie', sessionCookieHeader({ value: signedIn.sessionId, maxAgeSeconds, isSecure: isSecure(request) }));
    return { user: userJson(signedIn.user), csrf_token: signedIn.csrfToken, expires_at: signedIn.expiresAt };
  });

  app.get('/session', { config: { isTotpSetup: true } }, async (request) => ({
    user: userJson(userOf(request)),
    ...(request.newsroom?.csrfToken ? { csrf_token: request.newsroom.csrfToken } : {}),
  }));

  app.delete('/session', { config: { isTotpSetup: true } }, async (request, reply) => {
    const auth = request.newsroom;
    if (auth?.sessionIdHash) await ctx.accounts.logout(auth.sessionIdHash);
    reply.header('set-cookie', sessionCookieHeader({ value: '', maxAgeSeconds: 0, isSecure: isSecure(request) }));
    return reply.code(204).send();
  });

  app.post('/session/logout-everywhere', { config: { isTotpSetup: true } }, async (request, reply) => {
    const ended = await ctx.accounts.logoutEverywhere(userOf(request).id);
    reply.header('set-cookie', sessionCookieHeader({ value: '', maxAgeSeconds: 0, isSecure: isSecure(request) }));
    return { sessions_ended: ended };
  });

  app.post('/session/totp', { config: { isTotpSetup: true } }, async (request) => {
    const { secret, uri } = await ctx.accounts.beginTotp(userOf(request));
    return { secret, otpauth_uri: uri };
  });

  for (const [path, isEnabled] of [
    ['/session/totp/enable', true],
    ['/session/totp/disable', false],
  ] as const) {
    app.post(path, { config: { isTotpSetup: true } }, async (request) => {
      const { code } = parseInput(totpCodeInput, request.body);
      const user = userOf(request);
      if (!isEnabled && user.role === 'admin' && (await ctx.store.settings.get('newsroom')).requireAdminTotp) {
        throw new LedeError('LEDE_NEWSROOM_STATE', 'admins must keep two-factor sign-in on (setting newsroom.requireAdminTotp)');
      }
      await ctx.accounts.confirmTotp(user, { code, isEnabled });
      return { totp_enabled: isEnabled };
    });
  }
}
