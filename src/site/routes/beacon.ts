import type { FastifyInstance } from 'fastify';
import { LedeError } from '../../core/errors.js';
import { cacheControl } from '../../http/responder.js';
import { readHistory } from '../history-cookie.js';
import { profilingOf } from '../reader-privacy.js';
import type { SiteContext } from '../site-context.js';

const idPattern = /^[A-Za-z0-9._:~-]{1,128}$/;
const impressionIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
const slots = new Set(['for-you', 'most-read', 'read-also', 'related']);
const maxItems = 20;
/** Distinct browsers one address may add to a story's count in a day: one, so a script on one address rotating user agents counts once (readers behind one NAT count once too). */
const browsersPerAddress = 1;
const maxTracked = 200_000;

export type Beacon =
  | { kind: 'view'; id: string }
  | { kind: 'impression'; id: string; slot: string; items: string[]; page: string }
  | { kind: 'click'; impression: string; id: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && idPattern.test(v);

/** The beacon's body (JSON, or text/plain from navigator.sendBeacon), or undefined when malformed. */
export function parseBeacon(body: unknown): Beacon | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isObject(value)) return undefined;
  if (isObject(value.impression)) {
    const { id, slot, items, page } = value.impression;
    if (typeof id !== 'string' || !impressionIdPattern.test(id) || typeof slot !== 'string' || !slots.has(slot)) return undefined;
    if (!Array.isArray(items) || items.length === 0 || items.length > maxItems || !items.every(isId)) return undefined;
    const path = typeof page === 'string' && page.startsWith('/') && page.length <= 512 ? page : '/';
    return { kind: 'impression', id, slot, items: items as string[], page: path };
  }
  if (isObject(value.click)) {
    const { impression, id } = value.click;
    if (typeof impression !== 'string' || !impressionIdPattern.test(impression) || !isId(id)) return undefined;
    return { kind: 'click', impression, id };
  }
  return isId(value.id) ? { kind: 'view', id: value.id } : undefined;
}

/** The story id of a view beacon `{"id": "…"}`. */
export function beaconStoryId(body: unknown): string | undefined {
  const beacon = parseBeacon(body);
  return beacon?.kind === 'view' ? beacon.id : undefined;
}

/**
 * `POST /beacon`: counts a view (no cookie needed: one per browser, story and day by a daily
 * key), and for readers who consented, logs what a recommendation slot showed and what was
 * clicked. Nothing is written here: hits go to the batching buffer.
 */
export function registerBeaconRoute(app: FastifyInstance, ctx: SiteContext): void {
  const perAddress = new Map<string, Set<string>>();
  let trackedDay = '';
  app.post('/beacon', { bodyLimit: 4096 }, async (request, reply) => {
    reply.header('cache-control', cacheControl.error);
    const beacon = parseBeacon(request.body);
    if (beacon === undefined) {
      throw new LedeError(
        'LEDE_HTTP_BAD_REQUEST',
        'POST /beacon: the body must be {"id": "<story id>"}, {"impression": {…}} or {"click": {…}}',
        {
          details: { field: 'id' },
        },
      );
    }
    const now = ctx.clock.now();
    const privacy = profilingOf(request.headers);
    if (beacon.kind === 'impression' || beacon.kind === 'click') {
      // Impressions are keyed by the per-browser id: only with consent, never with DNT/GPC.
      if (!privacy.isProfiled || !privacy.browserId) return reply.code(204).send();
      if (beacon.kind === 'impression') {
        ctx.signals.impression({
          id: beacon.id,
          browser: privacy.browserId,
          slot: beacon.slot,
          page: beacon.page,
          shownAt: now,
          items: beacon.items,
          history: readHistory(request.headers.cookie),
        });
      } else {
        ctx.signals.click({ impressionId: beacon.impression, storyId: beacon.id, at: now });
      }
      return reply.code(204).send();
    }
    // Unknown or hidden stories are ignored, but still answered 204: a beacon has no reader to tell.
    const story = await ctx.recommender.published(beacon.id);
    if (!story) return reply.code(204).send();
    const day = now.toISOString().slice(0, 10);
    const address = request.ip ?? '';
    const [visitor, addressKey] = await Promise.all([
      ctx.visitors.browser({ day, address, userAgent: String(request.headers['user-agent'] ?? '') }),
      ctx.visitors.address({ day, address }),
    ]);
    if (trackedDay !== day || perAddress.size > maxTracked) {
      perAddress.clear();
      trackedDay = day;
    }
    // An address hammering the beacon (with any user agent) adds at most a few views a story a day.
    const key = `${addressKey}|${beacon.id}`;
    const browsers = perAddress.get(key) ?? new Set<string>();
    if (!browsers.has(visitor) && browsers.size >= browsersPerAddress) return reply.code(204).send();
    browsers.add(visitor);
    perAddress.set(key, browsers);
    ctx.signals.view({ storyId: beacon.id, visitor, at: now, isProfiled: privacy.isProfiled });
    return reply.code(204).send();
  });
}
