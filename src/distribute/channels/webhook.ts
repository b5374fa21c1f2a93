import { createHmac } from 'node:crypto';
import { LedeError } from '../../core/errors.js';
import type { Media } from '../../core/story.js';
import { type WebhookSubscriber, webhookChannelName } from '../../store/outbox-types.js';
import { type Channel, skipUnlessLive } from '../channel.js';
import { toApiItem, toCanceledItem } from '../content-api/serialize.js';
import { answerExcerpt, requestWithTimeout } from './http.js';

export interface WebhookPayload {
  /** The exact bytes that are signed and sent. */
  body: string;
  event: string;
}

/** `sha256=HEX`: HMAC-SHA256 of the raw body with the subscriber's secret (the receiver recomputes it). */
export const webhookSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * One subscriber as a channel: POST `{"event": …, "item": <ninjs 2.x>}` to its URL, signed in
 * `X-Lede-Signature`, with `X-Lede-Delivery` (the outbox delivery key) so that a receiver can
 * drop a retry it already processed. Any 2xx is success; anything else is retried.
 */
export function createWebhookChannel(deps: {
  subscriber: WebhookSubscriber;
  findMedia?: (id: string) => Promise<Media | undefined>;
  timeoutMs?: number;
}): Channel<WebhookPayload> {
  const { subscriber } = deps;
  const name = webhookChannelName(subscriber.id);
  return {
    name,
    kind: 'webhook',
    right: 'webhooks',
    async render(story, event, ctx) {
      const notLive = skipUnlessLive(story, event);
      if (notLive) return notLive;
      const { publicUrl } = ctx;
      // The content API's ninjs, so partners parse one shape; a withheld story is hidden, like a killed one, without its body.
      const item =
        event.kind === 'kill'
          ? toCanceledItem({ story, publicUrl })
          : event.kind === 'withhold'
            ? { ...toCanceledItem({ story, publicUrl }), pubstatus: 'withheld' as const }
            : toApiItem({
                story,
                source: ctx.source,
                media: story.hero ? await deps.findMedia?.(story.hero.mediaId) : undefined,
                publicUrl,
              });
      return { payload: { body: JSON.stringify({ event: event.kind, item }), event: event.kind } };
    },
    async deliver(payload, ctx) {
      const answer = await requestWithTimeout({
        url: subscriber.url,
        init: {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Lede-Webhook/1',
            'x-lede-event': payload.event,
            'x-lede-delivery': ctx.deliveryKey,
            'x-lede-signature': webhookSignature(subscriber.secret, payload.body),
          },
          body: payload.body,
        },
        timeoutMs: deps.timeoutMs ?? 10_000,
        label: `${name} POST ${subscriber.url}`,
      });
      if (answer.status >= 200 && answer.status < 300) return { status: 'delivered', note: `HTTP ${answer.status}` };
      throw new LedeError('LEDE_CHANNEL_DELIVERY', `${name} POST ${subscriber.url}: HTTP ${answer.status}: ${answerExcerpt(answer.text)}`, {
        details: { url: subscriber.url, status: answer.status },
      });
    },
  };
}
