import { type ExpressionBuilder, type Insertable, type Kysely, sql } from 'kysely';
import { chunksOf } from '../chunks.js';
import {
  type ChannelCounts,
  type ChannelPost,
  type OutboxEntry,
  type OutboxRepo,
  type OutboxStatus,
  outboxStatuses,
  type PushedEventKind,
  webhookChannelName,
} from '../outbox-types.js';
import type { Database, OutboxRow } from '../schema.js';
import type { StoryEvent } from '../types.js';
import { storyColumns, toStory } from './stories.js';

type OutboxRecord = Omit<OutboxRow, 'id' | 'attempts' | 'failures'> & { id: number; attempts: number; failures: number };

const toEntry = (r: OutboxRecord): OutboxEntry => ({
  id: Number(r.id),
  deliveryKey: r.delivery_key,
  eventId: Number(r.event_id),
  storyId: r.story_id,
  version: r.version ?? undefined,
  channel: r.channel,
  kind: r.kind as PushedEventKind,
  priority: Number(r.priority),
  status: r.status as OutboxStatus,
  attempts: Number(r.attempts),
  failures: Number(r.failures),
  nextAttemptAt: r.next_attempt_at,
  claimedBy: r.claimed_by ?? undefined,
  claimedUntil: r.claimed_until ?? undefined,
  lastError: r.last_error ?? undefined,
  result: r.result ?? undefined,
  createdAt: r.created_at,
  finishedAt: r.finished_at ?? undefined,
  storySnapshot: r.story_snapshot ? toStory(JSON.parse(r.story_snapshot) as SnapshotRow) : undefined,
});

export const deliveryKeyFor = (input: { storyId: string; version?: string; eventId: number; channel: string; kind: string }) =>
  `${input.storyId}:${input.version ?? input.eventId}:${input.channel}:${input.kind}`;

/** Kills and withholds go first; a kill's CDN purge first of all (a stale copy must not outlive it). */
const priorityOf = (kind: PushedEventKind, channelKind: string) =>
  (kind === 'kill' || kind === 'withhold' ? 10 : 0) + (channelKind === 'purge' && kind === 'kill' ? 10 : 0);

/** Enabled channels and active webhook subscribers, each with the event kinds it wants (channels: all). */
export interface FanOutTargets {
  channels: Array<{ name: string; kind: string }>;
  hooks: Array<{ name: string; events: string[] }>;
}

export async function loadFanOutTargets(db: Kysely<Database>): Promise<FanOutTargets> {
  const channels = await db.selectFrom('channels').select(['name', 'kind']).where('enabled', '=', 1).execute();
  const hooks = await db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1).execute();
  return { channels, hooks: hooks.map((h) => ({ name: webhookChannelName(Number(h.id)), events: JSON.parse(h.events) as string[] })) };
}

/** The story's row as it is now, kept whole so that it is read back through the one row reader. */
async function snapshotStory(db: Kysely<Database>, storyId: string): Promise<string | undefined> {
  const row = await db.selectFrom('stories').select(storyColumns).where('id', '=', storyId).executeTakeFirst();
  return row ? JSON.stringify(row) : undefined;
}

type SnapshotRow = Parameters<typeof toStory>[0];

/** JSON of the columns `toStory` reads, for a story row written in this transaction (`snapshot` of a story change). */
export const snapshotOfRow = (row: SnapshotRow): string =>
  JSON.stringify({ data: row.data, state: row.state, published_at: row.published_at, revision: row.revision });

/**
 * Called by `events.appendMany` inside the transaction of the story changes: one outbox row per
 * event and enabled channel, and per active webhook subscriber that wants that kind of event,
 * all in one insert. Demo content is never pushed, and a `store` event changed nothing anyone
 * can see. Webhook rows carry the story as of their event (the row the change wrote, else read
 * here in the same transaction), so that a delivery retried after a later version (or a crash)
 * still sends this event's version.
 */
export async function fanOutEvents(
  db: Kysely<Database>,
  events: Array<{ event: Omit<StoryEvent, 'id'>; id: number; snapshot?: () => string }>,
  targetsOf: () => Promise<FanOutTargets>,
): Promise<void> {
  const pushed = events.filter(({ event }) => event.origin !== 'demo' && event.kind !== 'store' && event.kind !== 'settings');
  if (pushed.length === 0) return;
  const { channels, hooks } = await targetsOf();
  if (channels.length === 0 && hooks.length === 0) return;
  const rows: Array<Insertable<OutboxRow>> = [];
  for (const { event, id: eventId, snapshot } of pushed) {
    const kind = event.kind as PushedEventKind;
    const wanting = hooks.filter((h) => h.events.includes(kind)).map((h) => ({ name: h.name, kind: 'webhook' }));
    const copy = wanting.length > 0 ? ((snapshot ? snapshot() : await snapshotStory(db, event.storyId)) ?? null) : null;
    for (const target of [...channels, ...wanting]) {
      rows.push({
        delivery_key: deliveryKeyFor({ storyId: event.storyId, version: event.version, eventId, channel: target.name, kind }),
        event_id: eventId,
        story_id: event.storyId,
        version: event.version ?? null,
        channel: target.name,
        kind,
        priority: priorityOf(kind, target.kind),
        status: 'pending',
        next_attempt_at: event.at,
        created_at: event.at,
        story_snapshot: target.kind === 'webhook' ? copy : null,
      });
    }
  }
  for (const chunk of chunksOf(rows, 500)) {
    await db
      .insertInto('outbox')
      .values(chunk)
      .onConflict((oc) => oc.column('delivery_key').doNothing())
      .execute();
  }
}

export function createOutboxRepo(db: Kysely<Database>): OutboxRepo {
  const due = (nowIso: string) => (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
      // A worker that died (or lost its lease) mid-delivery: its claim runs out and the row is due again.
      eb.and([eb('status', '=', 'delivering'), eb('claimed_until', '<', nowIso)]),
    ]);
  const find = async (id: number) => {
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntry(row) : undefined;
  };
  const held = (id: number, holder: string) =>
    db.updateTable('outbox').where('id', '=', id).where('claimed_by', '=', holder).where('status', '=', 'delivering');

  return {
    async claimNext({ channel, holder, now, claimMs }) {
      const nowIso = now.toISOString();
      // Another worker may win the race for the same row: then try the next one.
      for (let round = 0; round < 5; round++) {
        const candidate = await db
          .selectFrom('outbox')
          .select('id')
          .where('channel', '=', channel)
          .where(due(nowIso))
          .orderBy('priority', 'desc')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (!candidate) return undefined;
        const claimed = await db
          .updateTable('outbox')
          .set((eb) => ({
            status: 'delivering',
            claimed_by: holder,
            claimed_until: new Date(now.getTime() + claimMs).toISOString(),
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', '=', candidate.id)
          .where(due(nowIso))
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 1) return find(Number(candidate.id));
      }
      return undefined;
    },
    async renew({ ids, holder, now, claimMs }) {
      if (ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set({ claimed_until: new Date(now.getTime() + claimMs).toISOString() })
        .where('id', 'in', ids)
        .where('claimed_by', '=', holder)
        .where('status', '=', 'delivering')
        .execute();
    },
    async claimHolders() {
      const rows = await db.selectFrom('outbox').select('claimed_by').distinct().where('status', '=', 'delivering').execute();
      return rows.flatMap((r) => (r.claimed_by ? [r.claimed_by] : []));
    },
    async endClaimsOf(holders) {
      if (holders.length === 0) return 0;
      const result = await db
        .updateTable('outbox')
        .set({ claimed_until: new Date(0).toISOString() })
        .where('status', '=', 'delivering')
        .where('claimed_by', 'in', holders)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async dueChannels(now) {
      const rows = await db.selectFrom('outbox').select('channel').distinct().where(due(now.toISOString())).execute();
      return rows.map((r) => r.channel);
    },
    async finish({ id, holder, status, result, now }) {
      const done = await held(id, holder)
        .set({ status, result: result ?? null, finished_at: now.toISOString(), claimed_by: null, claimed_until: null })
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
    async fail({ id, holder, error, nextAttemptAt, park, now }) {
      const done = await held(id, holder)
        .set((eb) => ({
          status: park ? 'failed' : 'pending',
          failures: eb('failures', '+', 1),
          last_error: error,
          next_attempt_at: nextAttemptAt.toISOString(),
          finished_at: park ? now.toISOString() : null,
          claimed_by: null,
          claimed_until: null,
        }))
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
    async defer({ id, holder, reason, nextAttemptAt }) {
      const done = await held(id, holder)
        .set({ status: 'pending', last_error: reason, next_attempt_at: nextAttemptAt.toISOString(), claimed_by: null, claimed_until: null })
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
    async retry(id, now) {
      const done = await db
        .updateTable('outbox')
        .set({ status: 'pending', failures: 0, next_attempt_at: now.toISOString(), finished_at: null, result: null })
        .where('id', '=', id)
        .where('status', 'in', ['failed', 'skipped'])
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },
    find,
    async list(filter = {}) {
      let q = db.selectFrom('outbox').selectAll();
      if (filter.storyId) q = q.where('story_id', '=', filter.storyId);
      if (filter.channel) q = q.where('channel', '=', filter.channel);
      if (filter.status) q = q.where('status', '=', filter.status);
      const rows = await q
        .orderBy('id')
        .limit(filter.limit ?? 1000)
        .execute();
      return rows.map(toEntry);
    },
    async counts() {
      const rows = await db
        .selectFrom('outbox')
        .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['channel', 'status'])
        .orderBy('channel')
        .execute();
      const byChannel = new Map<string, ChannelCounts>();
      for (const row of rows) {
        let entry = byChannel.get(row.channel);
        if (!entry) {
          entry = { channel: row.channel, counts: Object.fromEntries(outboxStatuses.map((s) => [s, 0])) as Record<OutboxStatus, number> };
          byChannel.set(row.channel, entry);
        }
        entry.counts[row.status as OutboxStatus] = Number(row.n);
      }
      return [...byChannel.values()];
    },
    async findPost(storyId, channel) {
      const row = await db
        .selectFrom('channel_posts')
        .selectAll()
        .where('story_id', '=', storyId)
        .where('channel', '=', channel)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        storyId: row.story_id,
        channel: row.channel,
        remoteId: row.remote_id,
        state: row.state as ChannelPost['state'],
        data: JSON.parse(row.data) as Record<string, unknown>,
        postedAt: row.posted_at,
        updatedAt: row.updated_at,
      };
    },
    async savePost(post) {
      const changes = {
        remote_id: post.remoteId,
        state: post.state,
        data: JSON.stringify(post.data),
        posted_at: post.postedAt,
        updated_at: post.updatedAt,
      };
      await db
        .insertInto('channel_posts')
        .values({ story_id: post.storyId, channel: post.channel, ...changes })
        .onConflict((oc) => oc.columns(['story_id', 'channel']).doUpdateSet(changes))
        .execute();
    },
    async latestRemoteId(channel) {
      const row = await db
        .selectFrom('channel_posts')
        .select(sql<string | number | null>`max(cast(remote_id as bigint))`.as('latest'))
        .where('channel', '=', channel)
        .where('state', '!=', 'sending')
        .where('remote_id', '!=', '')
        .executeTakeFirst();
      return row?.latest === null || row?.latest === undefined ? undefined : Number(row.latest);
    },
    async knownRemoteIds(channel, remoteIds) {
      if (remoteIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('channel_posts')
        .select('remote_id')
        .where('channel', '=', channel)
        .where('remote_id', 'in', remoteIds)
        .execute();
      return new Set(rows.map((r) => r.remote_id));
    },
  };
}
