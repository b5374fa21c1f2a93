import type { Kysely } from 'kysely';
import type { Section } from '../../core/story.js';
import type { Database, SectionRow } from '../schema.js';
import type { SectionRepo } from '../types.js';

const toSection = (r: SectionRow): Section => ({ slug: r.slug, name: r.name, position: r.position, subjects: JSON.parse(r.subjects) });

export function createSectionRepo(db: Kysely<Database>): SectionRepo {
  return {
    async upsert(s) {
      const row: SectionRow = { slug: s.slug, name: s.name, position: s.position, subjects: JSON.stringify(s.subjects) };
      const { slug, ...changes } = row;
      await db
        .insertInto('sections')
        .values(row)
        .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
        .execute();
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toSection(row) : undefined;
    },
    async list() {
      return (await db.selectFrom('sections').selectAll().orderBy('position').execute()).map(toSection);
    },
    async remove(slug) {
      const row = await db
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('section', '=', slug)
        .executeTakeFirstOrThrow();
      const storyCount = Number(row.n);
      if (storyCount === 0) await db.deleteFrom('sections').where('slug', '=', slug).execute();
      return { storyCount };
    },
  };
}
