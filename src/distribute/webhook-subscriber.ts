import { LedeError } from '../core/errors.js';
import { type PushedEventKind, pushedEventKinds } from '../store/outbox-types.js';

export interface SubscriberInput {
  url: string;
  secret: string;
  events: PushedEventKind[];
}

/**
 * Checks a webhook subscriber before it is stored (`lede webhooks add`, later the newsroom):
 * an http(s) URL, a secret to sign with, known event kinds (default: all four). Throws
 * LEDE_CHANNEL_CONFIG naming the field and the reason.
 */
export function validateSubscriber(input: { url?: unknown; secret?: unknown; events?: unknown }): SubscriberInput {
  const fail = (field: string, message: string): never => {
    throw new LedeError('LEDE_CHANNEL_CONFIG', message, { details: { field } });
  };
  const url = typeof input.url === 'string' ? input.url.trim() : '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    fail('url', `URL "${url}" must be an http(s) URL such as https://partner.example/hooks/lede`);
  const secret = typeof input.secret === 'string' ? input.secret.trim() : '';
  if (!secret) fail('secret', 'a secret is required: the subscriber checks X-Lede-Signature (HMAC-SHA256 of the body) with it');
  const events = (Array.isArray(input.events) ? input.events : [...pushedEventKinds]).map((e) => String(e).trim());
  const unknown = events.filter((e) => !pushedEventKinds.includes(e as PushedEventKind));
  if (events.length === 0 || unknown.length > 0)
    fail('events', `events "${events.join(',')}": unknown ${unknown.join(', ') || '(none given)'} (known: ${pushedEventKinds.join(', ')})`);
  return { url, secret, events: [...new Set(events)] as PushedEventKind[] };
}
