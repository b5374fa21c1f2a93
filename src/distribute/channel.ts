import type { Source, SourceRights, Story } from '../core/story.js';
import type { ChannelPost, PushedEventKind } from '../store/outbox-types.js';

/** The event an outbox row carries to its channel. */
export interface OutboxEvent {
  kind: PushedEventKind;
  version?: string;
  eventId: number;
  /** `${storyId}:${version ?? eventId}:${channel}:${kind}`; receivers may use it to drop duplicates. */
  deliveryKey: string;
}

export interface ChannelContext {
  now: Date;
  /** Base of canonical links (`config.publicUrl`). */
  publicUrl: string;
  /** What this channel posted for the story before (a Telegram message…), if anything. */
  post?: ChannelPost;
  /** The story's source (rights, credit). */
  source?: Source;
  deliveryKey: string;
  /** Records a channel's posts between its calls (absent in channel unit tests). */
  ledger?: PostLedger;
}

/**
 * What the outbox has recorded of a channel's posts, for a channel whose call may take effect
 * while its answer is lost (a crash, a timeout): it records the intent before the call and
 * every remote id as soon as it knows it, not only with the outcome at the end.
 */
export interface PostLedger {
  /** Saves what the channel holds, or is about to hold, for this story, at once. */
  record(change: PostChange): Promise<void>;
  /** The highest numeric remote id recorded on this channel for any story. */
  latestRemoteId(): Promise<number | undefined>;
  /** Those of `remoteIds` recorded on this channel for some story. */
  known(remoteIds: string[]): Promise<Set<string>>;
}

/** A change to what the channel holds for the story, saved with the outcome in one transaction. */
export type PostChange = Pick<ChannelPost, 'remoteId' | 'state' | 'data'>;

export type RenderResult<P> = { payload: P } | { skip: string };

export type DeliveryResult =
  | { status: 'delivered'; note?: string; post?: PostChange }
  | { status: 'skipped'; reason: string; post?: PostChange }
  /** The remote asked us to come back later (a rate limit): not counted as a failure. */
  | { status: 'later'; reason: string; retryAfterMs: number };

/**
 * A push channel (STYLE.md §8), always driven by the outbox: `render` turns the current
 * story and the event into what to send (or a reason to send nothing), `deliver` sends it.
 * `deliver` throws a LedeError (`LEDE_CHANNEL_DELIVERY`) for a failure worth retrying:
 * timeout, network error, 5xx, garbage. The outbox retries it with backoff and parks it
 * after the channel's limit.
 */
export interface Channel<P = unknown> {
  /** The outbox channel name: `telegram`, `purge`, `webhook:{id}`. */
  readonly name: string;
  readonly kind: 'telegram' | 'webhook' | 'purge';
  /** The source right this channel needs (`social`, `webhooks`); stories without it are skipped. */
  readonly right?: keyof SourceRights;
  render(story: Story, event: OutboxEvent, ctx: ChannelContext): RenderResult<P> | Promise<RenderResult<P>>;
  deliver(payload: P, ctx: ChannelContext): Promise<DeliveryResult>;
}

/** Publish and update are sent only while the story is live: a later kill or withhold has its own row. */
export function skipUnlessLive(story: Story, event: OutboxEvent): { skip: string } | undefined {
  if ((event.kind === 'publish' || event.kind === 'update') && story.state !== 'published') {
    return { skip: `story is ${story.state} now, so its ${event.kind} is not sent` };
  }
  return undefined;
}
