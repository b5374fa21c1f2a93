import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import { channelsReport } from '../../distribute/channel-status.js';
import { createApiKey } from '../../distribute/content-api/api-keys.js';
import { validateSubscriber } from '../../distribute/webhook-subscriber.js';
import type { OutboxEntry, WebhookSubscriber } from '../../store/outbox-types.js';
import { webhookChannelName } from '../../store/outbox-types.js';
import type { Repos } from '../../store/types.js';
import { requireRole, userOf } from '../auth/request-auth.js';
import type { NewsroomContext } from '../context.js';
import { parseInput } from '../schemas.js';

type IdParams = { Params: { id: string } };

const deliveryJson = (row: OutboxEntry) => ({
  id: row.id,
  channel: row.channel,
  kind: row.kind,
  story_id: row.storyId,
  version: row.version ?? null,
  status: row.status,
  attempts: row.attempts,
  failures: row.failures,
  last_error: row.lastError ?? null,
  created_at: row.createdAt,
  finished_at: row.finishedAt ?? null,
});

const webhookJson = (hook: WebhookSubscriber) => ({
  id: hook.id,
  channel: webhookChannelName(hook.id),
  url: hook.url,
  events: hook.events,
  is_active: hook.isActive,
  created_at: hook.createdAt,
});

const apiKeyInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
});

/** A path id that is a positive whole number, or 404 naming what was looked for. */
function idOf(text: string, what: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no ${what} ${text}`);
  return id;
}

/**
 * Push channels for admins: what `lede channels`, `lede webhooks` and `lede apikey` do, through
 * the same functions. Telegram, WebSub and CDN purge are settings (`PUT settings/telegram|websub|purge`).
 * Each change is written with its audit entry in one transaction.
 */
export function registerChannelRoutes(app: FastifyInstance, ctx: NewsroomContext): void {
  const admin = { preHandler: requireRole('admin') };
  const audited = <T>(request: FastifyRequest, action: string, details: Record<string, unknown>, work: (tx: Repos) => Promise<T>) =>
    ctx.store.transaction(async (tx) => {
      const result = await work(tx);
      await tx.audit.append({ at: ctx.clock.now().toISOString(), userId: userOf(request).id, action, details });
      return result;
    });

  app.get('/channels', admin, async () => {
    const report = await channelsReport(ctx.store);
    return {
      channels: report.channels.map((c) => ({ name: c.name, kind: c.kind, enabled: c.enabled, config: c.config, counts: c.counts })),
      failed: report.failed.map(deliveryJson),
    };
  });

  app.post<IdParams>('/channels/deliveries/:id/retry', admin, async (request) => {
    const id = idOf(request.params.id, 'delivery');
    const isQueued = await audited(request, 'channel.retry', { delivery: id }, (tx) => tx.outbox.retry(id, ctx.clock.now()));
    const row = await ctx.store.outbox.find(id);
    if (!row) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no delivery ${id}`);
    if (!isQueued)
      throw new LedeError('LEDE_NEWSROOM_STATE', `delivery ${id} is ${row.status}; only failed or skipped deliveries can be retried`);
    return { delivery: deliveryJson(row) };
  });

  app.get('/webhooks', admin, async () => ({ items: (await ctx.store.webhooks.list()).map(webhookJson) }));

  app.post('/webhooks', admin, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(body).find((key) => !['url', 'secret', 'events'].includes(key));
    if (unknown) throw new LedeError('LEDE_NEWSROOM_INVALID', `${unknown}: is not a known field`, { details: { field: unknown } });
    const input = validateSubscriber(body);
    const hook = await audited(request, 'webhook.add', { url: input.url, events: input.events }, (tx) =>
      tx.webhooks.add({ ...input, now: ctx.clock.now() }),
    );
    return reply.code(201).send(webhookJson(hook));
  });

  app.delete<IdParams>('/webhooks/:id', admin, async (request, reply) => {
    const id = idOf(request.params.id, 'webhook');
    await audited(request, 'webhook.remove', { webhook: id }, async (tx) => {
      if (!(await tx.webhooks.remove(id))) throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no webhook ${id}`);
    });
    return reply.code(204).send();
  });

  app.get('/api-keys', admin, async () => ({
    items: (await ctx.store.apiKeys.list()).map((k) => ({ name: k.name, created_at: k.createdAt, revoked_at: k.revokedAt ?? null })),
  }));

  // The key is in this answer only: the store keeps its hash.
  app.post('/api-keys', admin, async (request, reply) => {
    const { name } = parseInput(apiKeyInput, request.body);
    const created = await audited(request, 'apikey.add', { name }, (tx) => createApiKey({ store: tx, clock: ctx.clock }, name));
    return reply.code(201).send(created);
  });

  app.delete<{ Params: { name: string } }>('/api-keys/:name', admin, async (request, reply) => {
    const name = request.params.name;
    await audited(request, 'apikey.revoke', { name }, async (tx) => {
      if (!(await tx.apiKeys.revoke(name, ctx.clock.now().toISOString())))
        throw new LedeError('LEDE_NEWSROOM_NOT_FOUND', `no active API key named "${name}"`);
    });
    return reply.code(204).send();
  });
}
