import type { Insertable, Kysely, Selectable } from 'kysely';
import type { SourceRules } from '../../core/source-rules.js';
import type { Source, SourceRights } from '../../core/story.js';
import type { Database, SourceRow, SourceStatusRow } from '../schema.js';
import type { SourceRepo, SourceStatus } from '../types.js';

const parseObject = <T>(json: string | null | undefined): T | undefined => {
  if (!json) return undefined;
  const value = JSON.parse(json) as T;
  return value && typeof value === 'object' && Object.keys(value).length > 0 ? value : undefined;
};

const toSource = (r: Selectable<SourceRow>): Source => ({
  slug: r.slug,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind as Source['kind'],
  copyrightholder: r.copyrightholder ?? undefined,
  usageNotice: r.usage_notice ?? undefined,
  photoCredit: r.photo_credit ?? undefined,
  publishRule: r.publish_rule as Source['publishRule'],
  rights: parseObject<SourceRights>(r.rights),
  rules: parseObject<SourceRules>(r.rules),
});

const toStatus = (r: Selectable<SourceStatusRow>, itemsLast24h: number): SourceStatus => ({
  sourceSlug: r.source_slug,
  lastItemAt: r.last_item_at ?? undefined,
  itemsLast24h,
  errorsTotal: Number(r.errors_total),
  lastError: r.last_error ?? undefined,
  lastErrorAt: r.last_error_at ?? undefined,
  feed: {
    etag: r.feed_etag ?? undefined,
    lastModified: r.feed_last_modified ?? undefined,
    nextPollAt: r.feed_next_poll_at ?? undefined,
    failures: Number(r.feed_failures),
  },
  silentSince: r.silent_since ?? undefined,
});

const sourceColumns = [
  'slug',
  'name',
  'short_name',
  'kind',
  'copyrightholder',
  'usage_notice',
  'photo_credit',
  'publish_rule',
  'rules',
  'rights',
] as const;

/** Sources with their rules and rights; push secrets and delivery status are read apart. */
export function createSourceRepo(db: Kysely<Database>): SourceRepo {
  const ensureStatus = (slug: string) =>
    db
      .insertInto('source_status')
      .values({ source_slug: slug })
      .onConflict((oc) => oc.column('source_slug').doNothing())
      .execute();

  return {
    async upsert(s) {
      const row: Insertable<SourceRow> = {
        slug: s.slug,
        name: s.name,
        short_name: s.shortName,
        kind: s.kind,
        copyrightholder: s.copyrightholder ?? null,
        usage_notice: s.usageNotice ?? null,
        photo_credit: s.photoCredit ?? null,
        publish_rule: s.publishRule,
        rules: JSON.stringify(s.rules ?? {}),
        rights: JSON.stringify(s.rights ?? {}),
      };
      const { slug, rules, rights, ...rest } = row;
      // Callers that know nothing of rules or rights (the demo loader) must not erase them.
      const changes = { ...rest, ...(s.rules === undefined ? {} : { rules }), ...(s.rights === undefined ? {} : { rights }) };
      await db
        .insertInto('sources')
        .values(row)
        .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
        .execute();
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('sources').select(sourceColumns).where('slug', '=', slug).executeTakeFirst();
      return row ? toSource(row as Selectable<SourceRow>) : undefined;
    },
    async list() {
      return (await db.selectFrom('sources').select(sourceColumns).orderBy('name').execute()).map((r) =>
        toSource(r as Selectable<SourceRow>),
      );
    },
    async setPushCredentials(slug, input) {
      const set: { push_token_hash?: string | null; push_hmac_secret?: string | null } = {};
      if (input.tokenHash !== undefined) set.push_token_hash = input.tokenHash;
      if (input.hmacSecret !== undefined) set.push_hmac_secret = input.hmacSecret;
      if (Object.keys(set).length > 0) await db.updateTable('sources').set(set).where('slug', '=', slug).execute();
    },
    async pushCredentials(slug) {
      const row = await db
        .selectFrom('sources')
        .select(['push_token_hash', 'push_hmac_secret'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return { tokenHash: row?.push_token_hash ?? undefined, hmacSecret: row?.push_hmac_secret ?? undefined };
    },
    async listStatus(now) {
      const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
      const counts = await db
        .selectFrom('story_versions')
        .innerJoin('stories', 'stories.id', 'story_versions.story_id')
        .select(['stories.source_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('story_versions.received_at', '>=', since)
        .groupBy('stories.source_id')
        .execute();
      const bySource = new Map(counts.map((c) => [c.source_id, Number(c.n)]));
      const rows = await db.selectFrom('source_status').selectAll().orderBy('source_slug').execute();
      return rows.map((r) => toStatus(r, bySource.get(r.source_slug) ?? 0));
    },
    async recordDelivery(slug, at) {
      await ensureStatus(slug);
      await db
        .updateTable('source_status')
        .set({ last_item_at: at, silent_since: null })
        .where('source_slug', '=', slug)
        .where((eb) => eb.or([eb('last_item_at', 'is', null), eb('last_item_at', '<', at)]))
        .execute();
    },
    async recordError(slug, input) {
      await ensureStatus(slug);
      await db
        .updateTable('source_status')
        .set((eb) => ({ errors_total: eb('errors_total', '+', 1), last_error: input.message, last_error_at: input.at }))
        .where('source_slug', '=', slug)
        .execute();
    },
    async saveFeedState(slug, feed) {
      await ensureStatus(slug);
      await db
        .updateTable('source_status')
        .set({
          feed_etag: feed.etag ?? null,
          feed_last_modified: feed.lastModified ?? null,
          feed_next_poll_at: feed.nextPollAt ?? null,
          feed_failures: feed.failures,
        })
        .where('source_slug', '=', slug)
        .execute();
    },
    async setSilentSince(slug, at) {
      await ensureStatus(slug);
      await db.updateTable('source_status').set({ silent_since: at }).where('source_slug', '=', slug).execute();
    },
  };
}
