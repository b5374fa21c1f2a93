import type { Kysely } from 'kysely';
import type { Author, AuthorLink } from '../../core/story.js';
import type { AuthorRow, Database } from '../schema.js';
import type { AuthorRepo } from '../types.js';

const toAuthor = (r: AuthorRow): Author => ({
  slug: r.slug,
  name: r.name,
  role: r.role ?? undefined,
  bio: r.bio ?? undefined,
  sourceId: r.source_id ?? undefined,
  avatarMediaId: r.avatar_media_id ?? undefined,
  ...(r.links ? { links: JSON.parse(r.links) as AuthorLink[] } : {}),
});

export function createAuthorRepo(db: Kysely<Database>): AuthorRepo {
  return {
    async upsert(a) {
      const row: AuthorRow = {
        slug: a.slug,
        name: a.name,
        role: a.role ?? null,
        bio: a.bio ?? null,
        source_id: a.sourceId ?? null,
        avatar_media_id: a.avatarMediaId ?? null,
        links: a.links && a.links.length > 0 ? JSON.stringify(a.links) : null,
      };
      // Writers that know nothing of links (ingest, the demo) keep the ones an editor set.
      const { slug, links, ...kept } = row;
      const changes = a.links === undefined ? kept : { ...kept, links };
      await db
        .insertInto('authors')
        .values(row)
        .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
        .execute();
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toAuthor(row) : undefined;
    },
    async findBySlugs(slugs) {
      if (slugs.length === 0) return [];
      const rows = await db.selectFrom('authors').selectAll().where('slug', 'in', slugs).execute();
      const bySlug = new Map(rows.map((r) => [r.slug, toAuthor(r)]));
      return slugs.flatMap((s) => bySlug.get(s) ?? []);
    },
    async list() {
      return (await db.selectFrom('authors').selectAll().orderBy('name').execute()).map(toAuthor);
    },
    async remove(slug) {
      const row = await db
        .selectFrom('story_authors')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('author_slug', '=', slug)
        .executeTakeFirstOrThrow();
      const storyCount = Number(row.n);
      if (storyCount === 0) await db.deleteFrom('authors').where('slug', '=', slug).execute();
      return { storyCount };
    },
  };
}
