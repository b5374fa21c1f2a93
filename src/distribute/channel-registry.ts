import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Store } from '../store/types.js';
import type { Channel } from './channel.js';
import { resolvePurge, resolveTelegram, type TelegramEnv } from './channel-settings.js';
import { createPurgeChannel } from './channels/purge.js';
import { createTelegramChannel } from './channels/telegram.js';
import type { PhotoFile } from './channels/telegram-api.js';
import { createWebhookChannel } from './channels/webhook.js';
import { validateSubscriber } from './webhook-subscriber.js';

export interface ChannelRegistryDeps {
  store: Pick<Store, 'settings' | 'media' | 'webhooks' | 'channels'>;
  telegram: TelegramEnv;
  /** Directory that `Media.path` is relative to. */
  mediaDir: string;
  /** Per request to a remote; a channel that never answers must not hold the worker longer. */
  timeoutMs?: number;
}

export interface ChannelRegistry {
  /** The channels as configured now (settings may change at run time), by outbox channel name. */
  resolve(): Promise<Map<string, Channel>>;
  /**
   * Writes the `channels` rows that `events.append` fans out to (enabled or not, with where
   * each value came from, never a secret), and registers webhooks listed in settings.
   */
  sync(now: Date): Promise<void>;
}

export function createChannelRegistry(deps: ChannelRegistryDeps): ChannelRegistry {
  const { store } = deps;
  const loadPicture = async (mediaId: string): Promise<PhotoFile | undefined> => {
    const media = await store.media.findById(mediaId);
    if (!media) return undefined;
    try {
      const bytes = await readFile(join(deps.mediaDir, media.path));
      return { bytes, filename: basename(media.path), contentType: media.contentType };
    } catch {
      return undefined;
    }
  };

  return {
    async resolve() {
      const channels = new Map<string, Channel>();
      const telegram = resolveTelegram(deps.telegram, await store.settings.get('telegram'));
      if (telegram.settings)
        channels.set('telegram', createTelegramChannel({ settings: telegram.settings, loadPicture, timeoutMs: deps.timeoutMs }));
      const purge = resolvePurge(await store.settings.get('purge'));
      if (purge) channels.set('purge', createPurgeChannel({ settings: purge, timeoutMs: deps.timeoutMs }));
      for (const subscriber of await store.webhooks.list()) {
        if (!subscriber.isActive) continue;
        const channel = createWebhookChannel({ subscriber, findMedia: (id) => store.media.findById(id), timeoutMs: deps.timeoutMs });
        channels.set(channel.name, channel);
      }
      return channels;
    },
    async sync(now) {
      const telegram = resolveTelegram(deps.telegram, await store.settings.get('telegram'));
      await store.channels.upsert(
        {
          name: 'telegram',
          kind: 'telegram',
          enabled: telegram.settings !== undefined,
          config: { chatId: telegram.chatId, apiBase: telegram.apiBase, setBy: telegram.setBy },
        },
        now,
      );
      const purge = resolvePurge(await store.settings.get('purge'));
      await store.channels.upsert(
        {
          name: 'purge',
          kind: 'purge',
          enabled: purge !== undefined,
          config: { url: purge?.url, headerName: purge?.headerName ?? 'Surrogate-Key' },
        },
        now,
      );
      const listed = await store.settings.get('webhooks');
      const known = new Set((await store.webhooks.list()).map((w) => w.url));
      for (const entry of listed) {
        // The catalogue has validated the list; this fills in the default events.
        const subscriber = validateSubscriber(entry);
        if (known.has(subscriber.url)) continue;
        await store.webhooks.add({ ...subscriber, now });
        known.add(subscriber.url);
      }
    },
  };
}
