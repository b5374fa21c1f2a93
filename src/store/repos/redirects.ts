import type { Kysely, Selectable } from 'kysely';
import type { Redirect } from '../../core/story.js';
import type { Database, RedirectRow } from '../schema.js';
import type { RedirectRepo } from '../types.js';

const toRedirect = (row: Selectable<RedirectRow>): Redirect => ({
  fromPath: row.from_path,
  toPath: row.to_path,
  createdAt: row.created_at,
  ...(row.created_by ? { createdBy: row.created_by } : {}),
});

export function createRedirectRepo(db: Kysely<Database>): RedirectRepo {
  return {
    async find(fromPath) {
      const row = await db.selectFrom('redirects').selectAll().where('from_path', '=', fromPath).executeTakeFirst();
      return row ? toRedirect(row) : undefined;
    },
    async list() {
      return (await db.selectFrom('redirects').selectAll().orderBy('from_path').execute()).map(toRedirect);
    },
    async upsert(redirect) {
      const row = {
        from_path: redirect.fromPath,
        to_path: redirect.toPath,
        created_at: redirect.createdAt,
        created_by: redirect.createdBy ?? null,
      };
      await db
        .insertInto('redirects')
        .values(row)
        .onConflict((oc) =>
          oc.column('from_path').doUpdateSet({ to_path: row.to_path, created_at: row.created_at, created_by: row.created_by }),
        )
        .execute();
    },
    async remove(fromPath) {
      const result = await db.deleteFrom('redirects').where('from_path', '=', fromPath).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
