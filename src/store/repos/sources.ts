import type { Kysely } from 'kysely';
import type { Source } from '../../core/story.js';
import type { Database, SourceRow } from '../schema.js';
import type { SourceRepo } from '../types.js';

const toSource = (r: SourceRow): Source => ({
  slug: r.slug,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind as Source['kind'],
  copyrightholder: r.copyrightholder ?? undefined,
  usageNotice: r.usage_notice ?? undefined,
  photoCredit: r.photo_credit ?? undefined,
  publishRule: r.publish_rule as Source['publishRule'],
});

export function createSourceRepo(db: Kysely<Database>): SourceRepo {
  return {
    async upsert(s) {
      const row: SourceRow = {
        slug: s.slug,
        name: s.name,
        short_name: s.shortName,
        kind: s.kind,
        copyrightholder: s.copyrightholder ?? null,
        usage_notice: s.usageNotice ?? null,
        photo_credit: s.photoCredit ?? null,
        publish_rule: s.publishRule,
      };
      const { slug, ...changes } = row;
      await db
        .insertInto('sources')
        .values(row)
        .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
        .execute();
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('sources').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toSource(row) : undefined;
    },
    async list() {
      return (await db.selectFrom('sources').selectAll().orderBy('name').execute()).map(toSource);
    },
  };
}
