import type { Clock } from '../core/clock.js';
import { isAllowed } from '../core/story.js';
import type { OutboxEntry } from '../store/outbox-types.js';
import type { Store } from '../store/types.js';
import { type Channel, type ChannelContext, type DeliveryResult, type OutboxEvent, skipUnlessLive } from './channel.js';

export interface OutboxLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RetryPolicy {
  /** Failures after which a row is parked as `failed` (visible, retryable by hand). */
  maxFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0 ≤ random() < 1; injected so tests can pin the jitter. */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { maxFailures: 8, baseDelayMs: 15_000, maxDelayMs: 3_600_000, random: Math.random };

/**
 * Exponential backoff with "equal jitter": half the delay fixed, half random, so that rows
 * that failed together (a channel that was down) do not all come back in the same second.
 */
export function backoffDelayMs(failures: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential / 2 + (policy.random() * exponential) / 2);
}

export type DeliveryOutcome = 'delivered' | 'skipped' | 'retrying' | 'failed' | 'deferred' | 'lost-claim';

/**
 * Delivers one claimed outbox row: renders its channel's payload from the story as of the
 * event (the row's snapshot) or, for channels that edit one post to the latest version
 * (Telegram), as it is now; sends it; and records the outcome and the remote post in one
 * transaction.
 */
export function createOutboxDelivery(deps: {
  store: Store;
  clock: Clock;
  publicUrl: string;
  logger: OutboxLogger;
  retry?: Partial<RetryPolicy>;
}) {
  const { store, clock } = deps;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...deps.retry };

  const record = async (entry: OutboxEntry, holder: string, result: Exclude<DeliveryResult, { status: 'later' }>, ctx: ChannelContext) => {
    const now = clock.now();
    const text = result.status === 'delivered' ? result.note : result.reason;
    return store.transaction(async (tx) => {
      const finished = await tx.outbox.finish({ id: entry.id, holder, status: result.status, result: text, now });
      if (finished && result.post) {
        const isSamePost = ctx.post?.remoteId === result.post.remoteId;
        await tx.outbox.savePost({
          storyId: entry.storyId,
          channel: entry.channel,
          ...result.post,
          postedAt: isSamePost && ctx.post ? ctx.post.postedAt : now.toISOString(),
          updatedAt: now.toISOString(),
        });
      }
      return finished;
    });
  };

  const failed = async (entry: OutboxEntry, holder: string, error: unknown): Promise<DeliveryOutcome> => {
    const message = error instanceof Error ? error.message : String(error);
    const failures = entry.failures + 1;
    const park = failures >= policy.maxFailures;
    const now = clock.now();
    const nextAttemptAt = new Date(now.getTime() + backoffDelayMs(failures, policy));
    const isRecorded = await store.outbox.fail({ id: entry.id, holder, error: message, nextAttemptAt, park, now });
    const log = { id: entry.id, channel: entry.channel, storyId: entry.storyId, kind: entry.kind, failures, err: message };
    if (park) deps.logger.error(log, `delivery #${entry.id} to ${entry.channel} parked after ${failures} failures: ${message}`);
    else deps.logger.warn({ ...log, nextAttemptAt: nextAttemptAt.toISOString() }, `delivery #${entry.id} to ${entry.channel} failed`);
    if (!isRecorded) return 'lost-claim';
    return park ? 'failed' : 'retrying';
  };

  return {
    policy,
    async deliver(entry: OutboxEntry, channel: Channel | undefined, holder: string): Promise<DeliveryOutcome> {
      const event: OutboxEvent = { kind: entry.kind, version: entry.version, eventId: entry.eventId, deliveryKey: entry.deliveryKey };
      const ctx: ChannelContext = { now: clock.now(), publicUrl: deps.publicUrl, deliveryKey: entry.deliveryKey };
      const skip = async (reason: string) => ((await record(entry, holder, { status: 'skipped', reason }, ctx)) ? 'skipped' : 'lost-claim');
      try {
        if (!channel) return await skip(`channel ${entry.channel} is not configured`);
        const current = await store.stories.findById(entry.storyId);
        if (!current) return await skip(`story ${entry.storyId} does not exist`);
        // Whether to send at all follows the story as it is now (a publish of a story killed
        // since is not sent); what is sent is the event's own version when the row has it.
        const notLive = entry.storySnapshot ? skipUnlessLive(current, event) : undefined;
        if (notLive) return await skip(notLive.skip);
        const story = entry.storySnapshot ?? current;
        ctx.source = await store.sources.findBySlug(story.sourceId);
        if (channel.right && !isAllowed(ctx.source, channel.right))
          return await skip(`source ${story.sourceId} does not allow ${channel.right}`);
        ctx.post = await store.outbox.findPost(entry.storyId, entry.channel);
        const firstPostedAt = ctx.post?.postedAt;
        ctx.ledger = {
          record: async (change) => {
            const at = clock.now().toISOString();
            await store.outbox.savePost({
              storyId: entry.storyId,
              channel: entry.channel,
              ...change,
              postedAt: firstPostedAt ?? at,
              updatedAt: at,
            });
          },
          latestRemoteId: () => store.outbox.latestRemoteId(entry.channel),
          known: (remoteIds) => store.outbox.knownRemoteIds(entry.channel, remoteIds),
        };
        const rendered = await channel.render(story, event, ctx);
        if ('skip' in rendered) return await skip(rendered.skip);
        const result = await channel.deliver(rendered.payload, ctx);
        if (result.status === 'later') {
          const nextAttemptAt = new Date(clock.now().getTime() + result.retryAfterMs);
          const isRecorded = await store.outbox.defer({ id: entry.id, holder, reason: result.reason, nextAttemptAt });
          return isRecorded ? 'deferred' : 'lost-claim';
        }
        return (await record(entry, holder, result, ctx)) ? result.status : 'lost-claim';
      } catch (error) {
        return failed(entry, holder, error);
      }
    },
  };
}

export type OutboxDelivery = ReturnType<typeof createOutboxDelivery>;
