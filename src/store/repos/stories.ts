import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Story, StoryState } from '../../core/story.js';
import { slugify } from '../../core/urls.js';
import type { Database, StoryRow } from '../schema.js';
import type { ListQuery, SearchIndex, StoryRepo } from '../types.js';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The row reader: every story read from the store is made here (article-index.ts too). */
export const toStory = (row: Pick<StoryRow, 'data' | 'state' | 'published_at'>): Story => {
  // The body in `data` is what the sanitiser gave when the story was written: besides the
  // sanitiser, this is the one place that may call a string SanitizedHtml (architecture test).
  const story = JSON.parse(row.data) as Story;
  // State and first publication change without a new version: the columns are the truth.
  story.state = row.state as StoryState;
  story.publishedAt = row.published_at ?? undefined;
  return story;
};

export function createStoryRepo(db: Kysely<Database>, search: SearchIndex): StoryRepo {
  const published = () => db.selectFrom('stories').where('stories.state', '=', 'published');

  const findByIds = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('stories').select(['id', 'data', 'state', 'published_at']).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, toStory(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  const listQuery = (query: ListQuery) => {
    let q = published();
    if (query.section) q = q.where('stories.section', '=', query.section);
    if (query.source) q = q.where('stories.source_id', '=', query.source);
    if (query.tag) {
      const tag = query.tag;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('story_tags')
            .select('story_tags.story_id')
            .whereRef('story_tags.story_id', '=', 'stories.id')
            .where('story_tags.tag', '=', tag),
        ),
      );
    }
    if (query.author) {
      const author = query.author;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('story_authors')
            .select('story_authors.story_id')
            .whereRef('story_authors.story_id', '=', 'stories.id')
            .where('story_authors.author_slug', '=', author),
        ),
      );
    }
    if (query.excludeIds && query.excludeIds.length > 0) q = q.where('stories.id', 'not in', query.excludeIds);
    return q;
  };

  return {
    async findById(id) {
      const row = await db.selectFrom('stories').select(['data', 'state', 'published_at']).where('id', '=', id).executeTakeFirst();
      return row ? toStory(row) : undefined;
    },
    findByIds,
    async findByUri(sourceId, uri) {
      const row = await db
        .selectFrom('stories')
        .select(['data', 'state', 'published_at', 'editor_killed', 'editor_edited', 'wire_update_pending'])
        .where('source_id', '=', sourceId)
        .where('uri', '=', uri)
        .executeTakeFirst();
      return row
        ? {
            ...toStory(row),
            editorKilled: row.editor_killed === 1,
            editorEdited: row.editor_edited === 1,
            wireUpdatePending: row.wire_update_pending === 1,
          }
        : undefined;
    },
    async listByHeroMedia(mediaId) {
      const rows = await db.selectFrom('stories').select(['data', 'state', 'published_at']).where('hero_media_id', '=', mediaId).execute();
      return rows.map(toStory);
    },
    async findBySlug(slug, publishedOn) {
      const current = await db
        .selectFrom('stories')
        .select(['data', 'state', 'published_at'])
        .where('slug', '=', slug)
        .orderBy('firstcreated', 'desc')
        .execute();
      const former =
        current.length > 0
          ? []
          : await db
              .selectFrom('story_slugs')
              .innerJoin('stories', 'stories.id', 'story_slugs.story_id')
              .select(['stories.data', 'stories.state', 'stories.published_at'])
              .where('story_slugs.slug', '=', slug)
              .orderBy('stories.firstcreated', 'desc')
              .execute();
      const stories = [...current, ...former].map(toStory);
      const onDay = publishedOn ? stories.find((s) => (s.publishedAt ?? s.firstcreated).startsWith(publishedOn)) : undefined;
      return onDay ?? stories[0];
    },
    async listPublished(query) {
      const rows = await listQuery(query)
        .select(['stories.data', 'stories.state', 'stories.published_at'])
        .orderBy('stories.published_at', 'desc')
        .orderBy('stories.id', 'desc')
        .limit(query.limit)
        .offset(query.offset ?? 0)
        .execute();
      const total = await listQuery(query)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { stories: rows.map(toStory), total: Number(total.n) };
    },
    async listDueEmbargoes(now, limit) {
      const rows = await db
        .selectFrom('stories')
        .select(['data', 'state', 'published_at'])
        .where('state', '=', 'embargoed')
        .where('embargoed', '<=', now.toISOString())
        .orderBy('embargoed')
        .limit(limit)
        .execute();
      return rows.map(toStory);
    },
    async listDueExpiries(now, limit) {
      const rows = await published()
        .select(['data', 'state', 'published_at'])
        .where('expires', 'is not', null)
        .where('expires', '<=', now.toISOString())
        .limit(limit)
        .execute();
      return rows.map(toStory);
    },
    async findTag(slug) {
      const row = await db.selectFrom('story_tags').select(['tag', 'name']).where('tag', '=', slug).executeTakeFirst();
      return row ? { slug: row.tag, name: row.name } : undefined;
    },
    async save(story, options = {}) {
      const row: Insertable<StoryRow> = {
        id: story.id,
        source_id: story.sourceId,
        uri: story.uri,
        version: story.version ?? null,
        state: story.state,
        pubstatus: story.pubstatus,
        editor_killed: options.editorKilled ? 1 : 0,
        headline: story.headline,
        slug: story.slug,
        section: story.section ?? null,
        language: story.language,
        urgency: story.urgency ?? null,
        firstcreated: story.firstcreated,
        versioncreated: story.versioncreated,
        published_at: story.publishedAt ?? null,
        // Compared as text with `now.toISOString()`: one format (with milliseconds), or 10:00:00Z sorts after 10:00:00.300Z.
        embargoed: story.embargoed ? new Date(story.embargoed).toISOString() : null,
        expires: story.expires ? new Date(story.expires).toISOString() : null,
        content_hash: story.contentHash,
        fingerprint: story.fingerprint ?? null,
        hero_media_id: story.hero?.mediaId ?? null,
        editor_edited: options.editorEdited ? 1 : 0,
        wire_update_pending: options.wireUpdatePending ? 1 : 0,
        data: JSON.stringify(story),
      };
      const { id, ...changes } = row;
      const { previous } = options;
      await db
        .insertInto('stories')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
      // A story known to be new has no rows to replace; an unchanged list is left as it is.
      if (!previous || !sameList(previous.tags, story.tags)) {
        if (previous !== null) await db.deleteFrom('story_tags').where('story_id', '=', id).execute();
        const tags = new Map(story.tags.map((name) => [slugify(name), name]));
        if (tags.size > 0) {
          await db
            .insertInto('story_tags')
            .values([...tags].map(([tag, name]) => ({ story_id: id, tag, name })))
            .execute();
        }
      }
      if (!previous || !sameList(previous.authorSlugs, story.authorSlugs)) {
        if (previous !== null) await db.deleteFrom('story_authors').where('story_id', '=', id).execute();
        if (story.authorSlugs.length > 0) {
          await db
            .insertInto('story_authors')
            .values([...new Set(story.authorSlugs)].map((author_slug, position) => ({ story_id: id, author_slug, position })))
            .execute();
        }
      }
      if (previous?.slug !== story.slug) {
        await db
          .insertInto('story_slugs')
          .values({ slug: story.slug, story_id: id })
          .onConflict((oc) => oc.columns(['slug', 'story_id']).doNothing())
          .execute();
      }
      // Only published stories are searchable; any other state leaves the index at once.
      if (story.state === 'published') await search.index(story, { isNew: previous === null });
      else if (previous !== null) await search.remove(id);
    },
    async setState(id, state, publishedAt) {
      const update: Updateable<StoryRow> = { state };
      if (publishedAt) update.published_at = publishedAt;
      await db.updateTable('stories').set(update).where('id', '=', id).execute();
      const story = await this.findById(id);
      if (story?.state === 'published') await search.index(story);
      else await search.remove(id);
    },
    async addVersion(input) {
      await db
        .insertInto('story_versions')
        .values({
          story_id: input.storyId,
          version: input.version ?? null,
          pubstatus: input.pubstatus,
          received_at: input.receivedAt,
          ninjs: JSON.stringify(input.ninjs),
        })
        .execute();
    },
    async history(storyId) {
      const rows = await db.selectFrom('story_versions').selectAll().where('story_id', '=', storyId).orderBy('id').execute();
      return rows.map((r) => ({
        version: r.version ?? undefined,
        pubstatus: r.pubstatus,
        receivedAt: r.received_at,
        ninjs: JSON.parse(r.ninjs),
      }));
    },
    async count() {
      const row = await db
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
