import type { Insertable, Kysely } from 'kysely';
import type { Database, MediaRow } from '../schema.js';
import type { MediaRepo } from '../types.js';

export function createMediaRepo(db: Kysely<Database>): MediaRepo {
  return {
    async upsert(m) {
      const row: Insertable<MediaRow> = {
        id: m.id,
        uri: m.uri ?? null,
        content_type: m.contentType,
        width: m.width,
        height: m.height,
        path: m.path,
        byline: m.byline ?? null,
        credit: m.credit ?? null,
        caption: m.caption ?? null,
      };
      const { id, ...changes } = row;
      await db
        .insertInto('media')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
    },
    async findById(id) {
      const r = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        uri: r.uri ?? undefined,
        contentType: r.content_type,
        width: r.width,
        height: r.height,
        path: r.path,
        byline: r.byline ?? undefined,
        credit: r.credit ?? undefined,
        caption: r.caption ?? undefined,
        killedAt: r.killed_at ?? undefined,
      };
    },
    async markKilled(id, at) {
      await db.updateTable('media').set({ killed_at: at }).where('id', '=', id).execute();
    },
  };
}
