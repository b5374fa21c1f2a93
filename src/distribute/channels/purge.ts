import { tagsForStory } from '../../core/cache-tags.js';
import { LedeError } from '../../core/errors.js';
import type { Story } from '../../core/story.js';
import { surrogateKeysFor } from '../../http/response-cache.js';
import type { Channel } from '../channel.js';
import { answerExcerpt, requestWithTimeout } from './http.js';

/** Settings key `purge`: where and how to send surrogate keys. */
export interface PurgeSettings {
  /** e.g. Fastly `https://api.fastly.com/service/ID/purge`, or a Varnish/nginx purge endpoint. */
  url: string;
  /** Header carrying the space-separated keys; default `Surrogate-Key`. */
  headerName?: string;
  /** Sent as `Authorization: Bearer TOKEN`, or in `tokenHeader` as is (Fastly: `Fastly-Key`). */
  token?: string;
  tokenHeader?: string;
}

export interface PurgePayload {
  keys: string[];
}

/**
 * The surrogate keys of everything a change to `story` makes stale — its page and each list
 * it is on — spelled exactly as the site's `Surrogate-Key` response header spells them.
 */
export const purgeKeysFor = (story: Story): string[] => surrogateKeysFor(tagsForStory(story)).split(' ').filter(Boolean);

/**
 * The CDN purge channel: POSTs the keys both in a header (Varnish/nginx style) and as JSON
 * `{"surrogate_keys": […]}` (Fastly's batch purge), so one endpoint setting fits either.
 * Every change is purged, whatever the story's state: a kill above all (highest priority).
 */
export function createPurgeChannel(deps: { settings: PurgeSettings; timeoutMs?: number }): Channel<PurgePayload> {
  const { settings } = deps;
  return {
    name: 'purge',
    kind: 'purge',
    render(story) {
      return { payload: { keys: purgeKeysFor(story) } };
    },
    async deliver(payload) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        [settings.headerName ?? 'Surrogate-Key']: payload.keys.join(' '),
      };
      if (settings.token) {
        if (settings.tokenHeader) headers[settings.tokenHeader] = settings.token;
        else headers.authorization = `Bearer ${settings.token}`;
      }
      const answer = await requestWithTimeout({
        url: settings.url,
        init: { method: 'POST', headers, body: JSON.stringify({ surrogate_keys: payload.keys }) },
        timeoutMs: deps.timeoutMs ?? 10_000,
        label: `purge POST ${settings.url}`,
      });
      if (answer.status >= 200 && answer.status < 300) return { status: 'delivered', note: `${payload.keys.length} keys purged` };
      throw new LedeError('LEDE_CHANNEL_DELIVERY', `purge POST ${settings.url}: HTTP ${answer.status}: ${answerExcerpt(answer.text)}`, {
        details: { url: settings.url, status: answer.status },
      });
    },
  };
}
