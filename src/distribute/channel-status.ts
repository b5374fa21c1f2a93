import { type OutboxEntry, type OutboxStatus, outboxStatuses, webhookChannelName } from '../store/outbox-types.js';
import type { Store } from '../store/types.js';

export interface ChannelStatus {
  name: string;
  kind: string;
  enabled: boolean;
  /** What the channel is set to, without secrets (Telegram: chat, API base, where each value came from). */
  config: Record<string, unknown>;
  counts: Record<OutboxStatus, number>;
}

export interface ChannelsReport {
  channels: ChannelStatus[];
  /** Parked deliveries, oldest first, with their last error: what an admin may retry. */
  failed: OutboxEntry[];
}

const zero = () => Object.fromEntries(outboxStatuses.map((s) => [s, 0])) as Record<OutboxStatus, number>;

/** Every channel with its delivery counts, and the failed deliveries (`lede channels`, later the newsroom). */
export async function channelsReport(store: Pick<Store, 'channels' | 'webhooks' | 'outbox'>): Promise<ChannelsReport> {
  const byName = new Map<string, ChannelStatus>();
  for (const channel of await store.channels.list())
    byName.set(channel.name, { name: channel.name, kind: channel.kind, enabled: channel.enabled, config: channel.config, counts: zero() });
  for (const hook of await store.webhooks.list()) {
    const name = webhookChannelName(hook.id);
    byName.set(name, { name, kind: 'webhook', enabled: hook.isActive, config: { url: hook.url, events: hook.events }, counts: zero() });
  }
  for (const { channel, counts } of await store.outbox.counts()) {
    // Rows may outlive their channel (a removed webhook): still shown, so nothing is hidden.
    const status = byName.get(channel) ?? {
      name: channel,
      kind: channel.split(':')[0] ?? channel,
      enabled: false,
      config: {},
      counts: zero(),
    };
    status.counts = counts;
    byName.set(channel, status);
  }
  return { channels: [...byName.values()], failed: await store.outbox.list({ status: 'failed', limit: 500 }) };
}
