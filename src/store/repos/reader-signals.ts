import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ReaderSignalRepo, ViewHit } from '../types.js';

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const hourOf = (at: Date) => at.toISOString().slice(0, 13);
/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const chunkSize = 400;
/** Earlier stories of the same day paired with a new view (co-visitation). */
const pairsPerView = 20;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += chunkSize) out.push(rows.slice(i, i + chunkSize));
  return out;
}

/** Adds `n` to `key` in a count map. */
function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * Reader signals: first views (one per browser, story and day), hourly counts, same-day
 * co-visits. `recordViews` is meant for one transaction per batch (the beacon's buffer):
 * rows are written in key order so that two processes flushing at once never deadlock.
 */
export function createReaderSignalRepo(db: Kysely<Database>): ReaderSignalRepo {
  return {
    async recordViews(hits: ViewHit[]) {
      const unique = new Map<string, ViewHit>();
      for (const hit of hits) {
        const key = `${dayOf(hit.at)}\u0000${hit.visitor}\u0000${hit.storyId}`;
        const seen = unique.get(key);
        if (!seen) unique.set(key, hit);
        else if (hit.isProfiled && !seen.isProfiled) unique.set(key, { ...seen, isProfiled: true });
      }
      if (unique.size === 0) return 0;
      // Batches take turns (see migration 0012): the co-visits below must see every earlier batch.
      await db
        .updateTable('signal_locks')
        .set((eb) => ({ batches: eb('batches', '+', 1) }))
        .where('name', '=', 'views')
        .execute();
      const rows = [...unique.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, h]) => ({
          day: dayOf(h.at),
          visitor: h.visitor,
          story_id: h.storyId,
          seen_at: h.at.toISOString(),
          is_profiled: h.isProfiled ? 1 : 0,
        }));
      const fresh: typeof rows = [];
      for (const part of chunks(rows)) {
        const inserted = await db
          .insertInto('view_seen')
          .values(part)
          .onConflict((oc) => oc.columns(['day', 'visitor', 'story_id']).doNothing())
          .returning(['day', 'visitor', 'story_id'])
          .execute();
        const keys = new Set(inserted.map((r) => `${r.day}\u0000${r.visitor}\u0000${r.story_id}`));
        fresh.push(...part.filter((r) => keys.has(`${r.day}\u0000${r.visitor}\u0000${r.story_id}`)));
      }
      if (fresh.length === 0) return 0;

      const hourly = new Map<string, number>();
      const daily = new Map<string, number>();
      for (const r of fresh) {
        bump(hourly, `${r.story_id}\u0000${hourOf(new Date(r.seen_at))}`);
        bump(daily, `${r.story_id}\u0000${r.day}`);
      }
      const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const part of chunks(sorted(hourly))) {
        await db
          .insertInto('view_counts')
          .values(part.map(([k, count]) => ({ story_id: k.split('\u0000')[0] as string, hour: k.split('\u0000')[1] as string, count })))
          .onConflict((oc) =>
            oc.columns(['story_id', 'hour']).doUpdateSet((eb) => ({ count: eb('view_counts.count', '+', eb.ref('excluded.count')) })),
          )
          .execute();
      }
      for (const part of chunks(sorted(daily))) {
        await db
          .insertInto('views')
          .values(part.map(([k, count]) => ({ story_id: k.split('\u0000')[0] as string, day: k.split('\u0000')[1] as string, count })))
          .onConflict((oc) =>
            oc.columns(['story_id', 'day']).doUpdateSet((eb) => ({ count: eb('views.count', '+', eb.ref('excluded.count')) })),
          )
          .execute();
      }

      // Co-visits: each new profiled view Y pairs with the same browser's earlier stories X that day.
      const profiled = fresh.filter((r) => r.is_profiled === 1);
      if (profiled.length === 0) return fresh.length;
      const pairs = new Map<string, number>();
      const freshKeys = new Set(profiled.map((r) => `${r.day}\u0000${r.visitor}\u0000${r.story_id}`));
      const byDay = new Map<string, Set<string>>();
      for (const r of profiled) {
        const set = byDay.get(r.day) ?? new Set<string>();
        set.add(r.visitor);
        byDay.set(r.day, set);
      }
      for (const [day, visitors] of byDay) {
        for (const part of chunks([...visitors])) {
          const seen = await db
            .selectFrom('view_seen')
            .select(['visitor', 'story_id', 'seen_at'])
            .where('day', '=', day)
            .where('is_profiled', '=', 1)
            .where('visitor', 'in', part)
            .orderBy('seen_at')
            .execute();
          const byVisitor = new Map<string, Array<{ story_id: string; seen_at: string }>>();
          for (const s of seen) byVisitor.set(s.visitor, [...(byVisitor.get(s.visitor) ?? []), s]);
          for (const r of profiled) {
            if (r.day !== day || !visitors.has(r.visitor)) continue;
            const same = (byVisitor.get(r.visitor) ?? []).filter((s) => s.story_id !== r.story_id);
            // X before this view; and views stored by earlier batches that happened after it (they
            // arrived first), which their own batch could not pair with a view it had not seen.
            const earlier = same.filter((s) => s.seen_at < r.seen_at).slice(-pairsPerView);
            for (const x of earlier) bump(pairs, `${x.story_id}\u0000${r.story_id}\u0000${day}`);
            const isOld = (s: { story_id: string }) => !freshKeys.has(`${day}\u0000${r.visitor}\u0000${s.story_id}`);
            const later = same.filter((s) => s.seen_at > r.seen_at && isOld(s)).slice(0, pairsPerView);
            for (const y of later) bump(pairs, `${r.story_id}\u0000${y.story_id}\u0000${day}`);
          }
        }
      }
      for (const part of chunks(sorted(pairs))) {
        await db
          .insertInto('co_visits')
          .values(
            part.map(([k, count]) => {
              const [from_id = '', to_id = '', day = ''] = k.split('\u0000');
              return { from_id, to_id, day, count };
            }),
          )
          .onConflict((oc) =>
            oc.columns(['from_id', 'to_id', 'day']).doUpdateSet((eb) => ({ count: eb('co_visits.count', '+', eb.ref('excluded.count')) })),
          )
          .execute();
      }
      return fresh.length;
    },

    async hourlyViews({ since }) {
      const rows = await db
        .selectFrom('view_counts')
        .innerJoin('stories', 'stories.id', 'view_counts.story_id')
        .select(['view_counts.story_id', 'view_counts.hour', 'view_counts.count', 'stories.section'])
        .where('view_counts.hour', '>=', hourOf(since))
        .where('stories.state', '=', 'published')
        .execute();
      return rows.map((r) => ({ storyId: r.story_id, hour: r.hour, count: Number(r.count), section: r.section ?? undefined }));
    },

    async coVisits({ since }) {
      const rows = await db
        .selectFrom('co_visits')
        .select(['from_id', 'to_id', (eb) => eb.fn.sum<number>('count').as('total')])
        .where('day', '>=', dayOf(since))
        .groupBy(['from_id', 'to_id'])
        .execute();
      return rows.map((r) => ({ fromId: r.from_id, toId: r.to_id, count: Number(r.total) }));
    },

    async prune({ now, retentionDays }) {
      const dayMs = 24 * 60 * 60 * 1000;
      // The de-duplication keys are needed for the current day only; one more covers time zones.
      const seenBefore = dayOf(new Date(now.getTime() - dayMs));
      const before = new Date(now.getTime() - retentionDays * dayMs);
      const seen = await db.deleteFrom('view_seen').where('day', '<', seenBefore).executeTakeFirst();
      const hourly = await db.deleteFrom('view_counts').where('hour', '<', hourOf(before)).executeTakeFirst();
      const co = await db.deleteFrom('co_visits').where('day', '<', dayOf(before)).executeTakeFirst();
      const old = db.selectFrom('impressions').select('id').where('shown_at', '<', before.toISOString());
      const clicks = await db.deleteFrom('impression_clicks').where('impression_id', 'in', old).executeTakeFirst();
      const impressions = await db.deleteFrom('impressions').where('shown_at', '<', before.toISOString()).executeTakeFirst();
      return {
        viewKeys: Number(seen.numDeletedRows),
        hourlyCounts: Number(hourly.numDeletedRows),
        coVisits: Number(co.numDeletedRows),
        impressions: Number(impressions.numDeletedRows),
        clicks: Number(clicks.numDeletedRows),
      };
    },

    async recordImpressions(list) {
      const rows = [...list]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((i) => ({
          id: i.id,
          browser: i.browser,
          slot: i.slot,
          page: i.page,
          shown_at: i.shownAt.toISOString(),
          items: JSON.stringify(i.items),
          history: JSON.stringify(i.history),
        }));
      for (const part of chunks(rows)) {
        await db
          .insertInto('impressions')
          .values(part)
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    },

    async recordClicks(list) {
      const rows = [...list]
        .sort((a, b) => (a.impressionId + a.storyId < b.impressionId + b.storyId ? -1 : 1))
        .map((c) => ({ impression_id: c.impressionId, story_id: c.storyId, clicked_at: c.at.toISOString() }));
      for (const part of chunks(rows)) {
        await db
          .insertInto('impression_clicks')
          .values(part)
          .onConflict((oc) => oc.columns(['impression_id', 'story_id']).doNothing())
          .execute();
      }
    },

    async listImpressions({ since }) {
      let query = db.selectFrom('impressions').selectAll().orderBy('shown_at').orderBy('id');
      if (since) query = query.where('shown_at', '>=', since.toISOString());
      const rows = await query.execute();
      const clicks = await db.selectFrom('impression_clicks').select(['impression_id', 'story_id']).execute();
      const clicked = new Map<string, Set<string>>();
      for (const c of clicks) {
        const set = clicked.get(c.impression_id) ?? new Set<string>();
        set.add(c.story_id);
        clicked.set(c.impression_id, set);
      }
      return rows.map((r) => ({
        id: r.id,
        browser: r.browser,
        slot: r.slot,
        page: r.page,
        shownAt: r.shown_at,
        items: JSON.parse(r.items) as string[],
        history: JSON.parse(r.history) as string[],
        clicked: [...(clicked.get(r.id) ?? [])],
      }));
    },
  };
}
