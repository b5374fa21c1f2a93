import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { type Rendition, type RenditionFormat, renditionPath } from '../../core/renditions.js';
import type { Media } from '../../core/story.js';
import { chunksOf } from '../chunks.js';
import type { Database, MediaRow } from '../schema.js';
import type { MediaRepo } from '../types.js';

/** `%`, `_` and the escape itself are literal in a LIKE pattern only when escaped. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toMedia = (r: Selectable<MediaRow>): Media => ({
  id: r.id,
  uri: r.uri ?? undefined,
  contentType: r.content_type,
  width: r.width,
  height: r.height,
  path: r.path,
  byline: r.byline ?? undefined,
  credit: r.credit ?? undefined,
  caption: r.caption ?? undefined,
  alt: r.alt ?? undefined,
  source: r.source ?? undefined,
  originalPath: r.original_path ?? undefined,
  killedAt: r.killed_at ?? undefined,
  addedAt: r.added_at ?? undefined,
});

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
        alt: m.alt ?? null,
        source: m.source ?? null,
        original_path: m.originalPath ?? null,
        added_at: m.addedAt ?? new Date().toISOString(),
      };
      // A later write (an edit, the agency's update) keeps when the picture came.
      const { id, added_at, ...changes } = row;
      await db
        .insertInto('media')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
    },
    async findById(id) {
      const r = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toMedia(r) : undefined;
    },
    async findByIds(ids) {
      const found = new Map<string, Media>();
      for (const chunk of chunksOf([...new Set(ids)], 500)) {
        const rows = await db.selectFrom('media').selectAll().where('id', 'in', chunk).execute();
        for (const r of rows) found.set(r.id, toMedia(r));
      }
      return found;
    },
    async list({ limit, after, q }) {
      let query = db.selectFrom('media').selectAll().where('killed_at', 'is', null);
      if (after) {
        const { addedAt, id } = after;
        query = query.where((eb) => eb.or([eb('added_at', '<', addedAt), eb.and([eb('added_at', '=', addedAt), eb('id', '<', id)])]));
      }
      if (q) {
        const pattern = likePattern(q);
        query = query.where((eb) =>
          eb.or(
            (['caption', 'credit', 'alt', 'byline', 'source'] as const).map(
              (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
            ),
          ),
        );
      }
      return (await query.orderBy('added_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toMedia);
    },
    async markKilled(id, at) {
      await db.updateTable('media').set({ killed_at: at }).where('id', '=', id).execute();
    },
    async saveRenditions(mediaId, recipe, renditions) {
      // Upserts, no transaction: a recipe always makes the same set, so a retry or a twin writes the same rows.
      if (renditions.length === 0) return;
      await db
        .insertInto('media_renditions')
        .values(
          renditions.map((r) => ({
            media_id: mediaId,
            recipe,
            format: r.format,
            width: r.width,
            height: r.height,
            bytes: r.bytes,
            path: r.path,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['media_id', 'recipe', 'format', 'width']).doUpdateSet((eb) => ({
            height: eb.ref('excluded.height'),
            bytes: eb.ref('excluded.bytes'),
            path: eb.ref('excluded.path'),
          })),
        )
        .execute();
    },
    async listRenditions(mediaId, recipe) {
      const rows = await db
        .selectFrom('media_renditions')
        .selectAll()
        .where('media_id', '=', mediaId)
        .where('recipe', '=', recipe)
        .orderBy('format')
        .orderBy('width')
        .execute();
      return rows.map(
        (r): Rendition => ({
          format: r.format as RenditionFormat,
          width: r.width,
          height: r.height,
          bytes: r.bytes,
          url: renditionPath(r.media_id, r.width, r.format as RenditionFormat),
        }),
      );
    },
    async listWithoutRenditions({ recipe, limit, afterId }) {
      let query = db.selectFrom('media').selectAll();
      if (afterId !== undefined) query = query.where('id', '>', afterId);
      const rows = await query
        .where('killed_at', 'is', null)
        .where('path', '!=', '')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('media_renditions')
                .select('media_renditions.media_id')
                .whereRef('media_renditions.media_id', '=', 'media.id')
                .where('media_renditions.recipe', '=', recipe),
            ),
          ),
        )
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toMedia);
    },
  };
}
