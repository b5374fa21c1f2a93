import type { EventKind } from '../core/lifecycle.js';
import type { Story } from '../core/story.js';

/**
 * The outbox of push channels (Telegram, webhooks, CDN purge). `events.append` writes one
 * row per enabled channel in the transaction of the story change; a worker delivers them.
 */
export type OutboxStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'skipped';

export const outboxStatuses: readonly OutboxStatus[] = ['pending', 'delivering', 'delivered', 'failed', 'skipped'];

/** The event kinds that reach channels (`store` changes nothing visible). */
export type PushedEventKind = Exclude<EventKind, 'store'>;

export const pushedEventKinds: readonly PushedEventKind[] = ['publish', 'update', 'kill', 'withhold'];

export interface OutboxEntry {
  id: number;
  /** `${storyId}:${version ?? eventId}:${channel}:${kind}`: nothing is sent twice for one version. */
  deliveryKey: string;
  eventId: number;
  storyId: string;
  version?: string;
  channel: string;
  kind: PushedEventKind;
  /** Higher first: kills before anything else, and a kill's CDN purge first of all. */
  priority: number;
  status: OutboxStatus;
  /** Times a worker claimed the row. */
  attempts: number;
  /** Failed attempts since the last (re)queue; the row is parked at the channel's limit. */
  failures: number;
  nextAttemptAt: string;
  claimedBy?: string;
  claimedUntil?: string;
  lastError?: string;
  /** Delivered: the remote id or a note; skipped: the reason. */
  result?: string;
  createdAt: string;
  finishedAt?: string;
  /**
   * The story as it was when the event was written, on rows whose channel sends the
   * story itself (webhooks): a retry sends the event's own version, not the story as it is now.
   */
  storySnapshot?: Story;
}

export interface ChannelRecord {
  name: string;
  kind: string;
  enabled: boolean;
  /** What the channel is set to, without secrets, and where each value came from. */
  config: Record<string, unknown>;
  updatedAt: string;
}

export interface WebhookSubscriber {
  id: number;
  url: string;
  secret: string;
  events: PushedEventKind[];
  isActive: boolean;
  createdAt: string;
}

/** What a channel posted for a story, so a later update or kill can edit or delete it. */
export interface ChannelPost {
  storyId: string;
  channel: string;
  /** The remote id, e.g. a Telegram message_id. */
  remoteId: string;
  /**
   * `live`; `deleted` (removed remotely); `withdrawn` (edited to say so, as it could not be
   * deleted); `sending` (a post was asked for and its answer is not in yet: after a crash,
   * its outcome is unknown and the channel reconciles before posting again).
   */
  state: 'live' | 'deleted' | 'withdrawn' | 'sending';
  data: Record<string, unknown>;
  postedAt: string;
  updatedAt: string;
}

export interface ChannelCounts {
  channel: string;
  counts: Record<OutboxStatus, number>;
}

export interface OutboxRepo {
  /** Claims the most urgent due row of `channel`: pending and due, or claimed by a worker whose claim ran out. */
  claimNext(input: { channel: string; holder: string; now: Date; claimMs: number }): Promise<OutboxEntry | undefined>;
  /** Extends the claims `holder` still holds on `ids` to `now + claimMs` (the worker's heartbeat). */
  renew(input: { ids: number[]; holder: string; now: Date; claimMs: number }): Promise<void>;
  /** The holders of the rows being delivered. */
  claimHolders(): Promise<string[]>;
  /** Ends the claims of `holders` at once (they died mid-delivery): their rows are due again. */
  endClaimsOf(holders: string[]): Promise<number>;
  /** Channels that have a row due at `now`. */
  dueChannels(now: Date): Promise<string[]>;
  /** Records a final outcome; false when `holder` no longer holds the claim. */
  finish(input: { id: number; holder: string; status: 'delivered' | 'skipped'; result?: string; now: Date }): Promise<boolean>;
  /** Records a failed attempt: back to pending at `nextAttemptAt`, or parked as `failed`. */
  fail(input: { id: number; holder: string; error: string; nextAttemptAt: Date; park: boolean; now: Date }): Promise<boolean>;
  /** Puts a claimed row back without counting a failure (a rate limit said "later"). */
  defer(input: { id: number; holder: string; reason: string; nextAttemptAt: Date }): Promise<boolean>;
  /** Re-queues a failed or skipped row; false when there is no such row to retry. */
  retry(id: number, now: Date): Promise<boolean>;
  find(id: number): Promise<OutboxEntry | undefined>;
  list(filter?: { storyId?: string; channel?: string; status?: OutboxStatus; limit?: number }): Promise<OutboxEntry[]>;
  counts(): Promise<ChannelCounts[]>;
  findPost(storyId: string, channel: string): Promise<ChannelPost | undefined>;
  savePost(post: ChannelPost): Promise<void>;
  /** The highest numeric remote id recorded for `channel` (posts being sent have none yet). */
  latestRemoteId(channel: string): Promise<number | undefined>;
  /** Those of `remoteIds` recorded for `channel` on some story. */
  knownRemoteIds(channel: string, remoteIds: string[]): Promise<Set<string>>;
}

export interface ChannelRepo {
  upsert(channel: Omit<ChannelRecord, 'updatedAt'>, now: Date): Promise<void>;
  list(): Promise<ChannelRecord[]>;
}

export interface WebhookRepo {
  add(input: { url: string; secret: string; events: PushedEventKind[]; now: Date }): Promise<WebhookSubscriber>;
  list(): Promise<WebhookSubscriber[]>;
  setActive(id: number, isActive: boolean): Promise<boolean>;
  remove(id: number): Promise<boolean>;
}

/** The channel name of a webhook subscriber's deliveries. */
export const webhookChannelName = (id: number) => `webhook:${id}`;
