import type { FastifyInstance } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput, passwordInput, userInput } from '../schemas.js';
import { userJson } from './session.js';

/** Users (admins only): list, add, reset a password. */
export function registerUserRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const admin = { preHandler: requireRole('admin') };

  app.get('/users', admin, async () => ({ users: (await ctx.store.accounts.listUsers()).map(userJson) }));

  app.post('/users', admin, async (request, reply) => {
    const input = parseInput(userInput, request.body);
    const user = await ctx.accounts.addUser({ ...input, by: userOf(request).id });
    return reply.code(201).send({ user: userJson(user) });
  });

  app.get<{ Params: { id: string } }>('/users/:id', admin, async (request) => {
    const user = await ctx.store.accounts.findUser(request.params.id);
    if (!user) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no user ${request.params.id}`);
    return { user: userJson(user) };
  });

  app.post<{ Params: { id: string } }>('/users/:id/password', admin, async (request, reply) => {
    const { password } = parseInput(passwordInput, request.body);
    await ctx.accounts.setPassword({ userId: request.params.id, password, by: userOf(request).id });
    return reply.code(204).send();
  });
}
