import type { Kysely, Selectable } from 'kysely';
import type { Page, SanitizedHtml } from '../../core/story.js';
import type { Database, PageRow } from '../schema.js';
import type { PageRepo } from '../types.js';

/** The row reader of pages: the body is what the sanitiser gave when the page was written (the architecture test allows this one cast). */
const toPage = (row: Selectable<PageRow>): Page => ({
  slug: row.slug,
  title: row.title,
  bodyHtml: row.body_html as SanitizedHtml,
  updatedAt: row.updated_at,
  ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
});

export function createPageRepo(db: Kysely<Database>): PageRepo {
  return {
    async find(slug) {
      const row = await db.selectFrom('pages').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toPage(row) : undefined;
    },
    async list() {
      return (await db.selectFrom('pages').selectAll().orderBy('slug').execute()).map(toPage);
    },
    async upsert(page) {
      const row = {
        slug: page.slug,
        title: page.title,
        body_html: page.bodyHtml,
        updated_at: page.updatedAt,
        updated_by: page.updatedBy ?? null,
      };
      const { slug: _slug, ...changes } = row;
      await db
        .insertInto('pages')
        .values(row)
        .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
        .execute();
    },
    async remove(slug) {
      const result = await db.deleteFrom('pages').where('slug', '=', slug).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
