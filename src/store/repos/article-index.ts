import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ArticleIndexRepo, ArticlePageQuery } from '../types.js';
import { toStory } from './stories.js';

/**
 * Reads of published stories for the pull surfaces: keyset pages for the content API
 * (stable while stories are inserted, unlike offsets) and the month buckets of the sitemaps.
 * `published_at` is ISO 8601 text on both engines, so `substr` gives the month on both.
 */
export function createArticleIndexRepo(db: Kysely<Database>): ArticleIndexRepo {
  const published = () => db.selectFrom('stories').where('stories.state', '=', 'published').where('stories.published_at', 'is not', null);

  return {
    async page(query: ArticlePageQuery) {
      let q = published().select(['data', 'state', 'published_at']);
      if (query.section) q = q.where('section', '=', query.section);
      if (query.source) q = q.where('source_id', '=', query.source);
      if (query.uri) q = q.where('uri', '=', query.uri);
      if (query.since) q = q.where('published_at', '>=', query.since);
      if (query.excludeSources && query.excludeSources.length > 0) q = q.where('source_id', 'not in', query.excludeSources);
      const before = query.before;
      if (before) {
        q = q.where((eb) =>
          eb.or([
            eb('published_at', '<', before.publishedAt),
            eb.and([eb('published_at', '=', before.publishedAt), eb('id', '<', before.id)]),
          ]),
        );
      }
      const rows = await q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
      return rows.map(toStory);
    },
    async publishedAfter(after, limit) {
      const rows = await published()
        .select(['data', 'state', 'published_at'])
        .where('published_at', '>', after)
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toStory);
    },
    async months() {
      const rows = await published()
        .select((eb) => [
          eb.fn<string>('substr', ['published_at', eb.val(1), eb.val(7)]).as('month'),
          eb.fn.countAll<number>().as('n'),
          eb.fn.max('versioncreated').as('lastmod'),
        ])
        .groupBy('month')
        .orderBy('month', 'desc')
        .execute();
      return rows.map((r) => ({ month: r.month, count: Number(r.n), lastmod: String(r.lastmod) }));
    },
    async inMonth({ month, limit, offset }) {
      const rows = await published()
        .select(['id', 'section', 'slug', 'published_at', 'firstcreated', 'versioncreated'])
        .where('published_at', '>=', `${month}-01`)
        .where('published_at', '<', `${month}-99`)
        .orderBy('published_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        section: r.section ?? undefined,
        slug: r.slug,
        publishedAt: r.published_at ?? undefined,
        firstcreated: r.firstcreated,
        versioncreated: r.versioncreated,
      }));
    },
  };
}
