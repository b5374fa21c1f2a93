import type { Kysely, Selectable } from 'kysely';
import { primaryLanguage, type Story, type StoryState } from '../../core/story.js';
import { chunksOf } from '../chunks.js';
import type { Database, StoryRow } from '../schema.js';
import type { ListQuery, StoredStory, StoryRepo } from '../types.js';

/** The columns `toStory` reads. */
export const storyColumns = ['data', 'state', 'published_at', 'revision'] as const;
export const storedColumns = [...storyColumns, 'editor_killed', 'editor_edited', 'wire_update_pending'] as const;

/** The row reader: every story read from the store is made here (article-index.ts too). */
export const toStory = (row: Pick<Selectable<StoryRow>, 'data' | 'state' | 'published_at' | 'revision'>): Story => {
  // The body in `data` is what the sanitiser gave when the story was written: besides the
  // sanitiser, this is the one place that may call a string SanitizedHtml (architecture test).
  const story = JSON.parse(row.data) as Story;
  // The columns are the truth for what changes without new content.
  story.state = row.state as StoryState;
  story.publishedAt = row.published_at ?? undefined;
  story.revision = Number(row.revision);
  return story;
};

type ListRow = Pick<Selectable<StoryRow>, 'id' | 'state' | 'published_at' | 'revision'>;
/** A whole `stories` row as `toStory` reads it, with its id. */
export type StoryDataRow = ListRow & Pick<Selectable<StoryRow>, 'data'>;

/**
 * Stories parsed once per revision: every list page (home, sections, feeds) reads the same few
 * dozen stories, and parsing their JSON, bodies included, was most of a cache miss; after a
 * change, the site's followers (page cache, Read also, lists) each read the changed story again,
 * and a 19 MB body read three times held PostgreSQL's driver for half a second. Every change
 * bumps the revision (story-changes.ts), so a story whose revision is unchanged has the same
 * `data`; the columns that change without new content are applied on each read. The store
 * remembers the rows it has just committed (`remember`), so their data is never read back.
 * Each read gets its own shallow copy.
 */
export function createParsedStories(
  readRows: (ids: string[]) => Promise<StoryDataRow[]>,
  limits: { maxEntries?: number; maxChars?: number } = {},
) {
  const { maxEntries = 2000, maxChars = 64 * 1024 * 1024 } = limits;
  const byId = new Map<string, { revision: number; chars: number; story?: Story; row?: StoryDataRow }>();
  // The JSON characters of what is kept: a few 19 MB stories, not 2,000 of them. Cleared when
  // either bound is reached rather than tracked as LRU.
  let chars = 0;
  const keep = (row: StoryDataRow) => {
    chars -= byId.get(row.id)?.chars ?? 0;
    byId.delete(row.id);
    if (byId.size >= maxEntries || chars + row.data.length > maxChars) {
      byId.clear();
      chars = 0;
    }
    chars += row.data.length;
    byId.set(row.id, { revision: Number(row.revision), chars: row.data.length, row });
  };
  /** The story at `revision`, parsed at most once; none if another revision is kept. */
  const storyOf = (id: string, revision: number) => {
    const entry = byId.get(id);
    if (entry?.revision !== revision) return undefined;
    if (!entry.story && entry.row) {
      entry.story = toStory(entry.row);
      entry.row = undefined;
    }
    return entry.story;
  };
  return {
    async read(rows: ListRow[]): Promise<Story[]> {
      const missing = rows.filter((row) => byId.get(row.id)?.revision !== Number(row.revision)).map((row) => row.id);
      // A story changed between the two reads comes with its newer row, whole.
      const newer = new Map((missing.length > 0 ? await readRows(missing) : []).map((row) => [row.id, row]));
      for (const row of newer.values()) keep(row);
      const stories: Story[] = [];
      for (const listed of rows) {
        const row = newer.get(listed.id) ?? listed;
        const story = storyOf(row.id, Number(row.revision));
        if (story) stories.push({ ...story, state: row.state as StoryState, publishedAt: row.published_at ?? undefined });
      }
      return stories;
    },
    /** Rows just committed by this process: read again only when another revision is stored. */
    remember(rows: StoryDataRow[]) {
      for (const row of rows) keep(row);
    },
  };
}

export const toStored = (row: Pick<Selectable<StoryRow>, (typeof storedColumns)[number]>): StoredStory => ({
  ...toStory(row),
  revision: Number(row.revision),
  editorKilled: row.editor_killed === 1,
  editorEdited: row.editor_edited === 1,
  wireUpdatePending: row.wire_update_pending === 1,
});

/** The store's story reads, and what it tells them of the rows it has just committed. */
export type RememberingStoryRepo = StoryRepo & { remember(rows: StoryDataRow[]): void };

/** Reads of stories. Writes go through the one story-change operation (store/story-changes.ts). */
export function createStoryRepo(db: Kysely<Database>): RememberingStoryRepo {
  const published = () => db.selectFrom('stories').where('stories.state', '=', 'published');
  const parsed = createParsedStories(async (ids) => {
    const found: StoryDataRow[] = [];
    for (const chunk of chunksOf(ids, 500)) {
      found.push(
        ...(await db
          .selectFrom('stories')
          .select(['id', ...storyColumns])
          .where('id', 'in', chunk)
          .execute()),
      );
    }
    return found;
  });
  const listedColumns = ['id', 'state', 'published_at', 'revision'] as const;

  const findByIds = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('stories').select(listedColumns).where('id', 'in', ids).execute();
    const byId = new Map((await parsed.read(rows)).map((story) => [story.id, story]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  const listQuery = (query: ListQuery) => {
    let q = published();
    if (query.section) q = q.where('stories.section', '=', query.section);
    if (query.source) q = q.where('stories.source_id', '=', query.source);
    if (query.language) {
      const language = query.language.toLowerCase();
      q = q.where((eb) => {
        const stored = eb.fn<string>('lower', ['stories.language']);
        return eb.or([eb(stored, '=', language), eb(stored, 'like', `${language}-%`)]);
      });
    }
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

  const listLatest = async (query: ListQuery) => {
    const rows = await listQuery(query)
      .select(listedColumns.map((column) => `stories.${column}` as const))
      .orderBy('stories.published_at', 'desc')
      .orderBy('stories.id', 'desc')
      .limit(query.limit)
      .offset(query.offset ?? 0)
      .execute();
    return parsed.read(rows);
  };

  return {
    async findById(id) {
      return (await findByIds([id]))[0];
    },
    remember: parsed.remember,
    async findStored(id) {
      const row = await db.selectFrom('stories').select(storedColumns).where('id', '=', id).executeTakeFirst();
      return row ? toStored(row) : undefined;
    },
    async findStoredMany(ids) {
      const found = new Map<string, StoredStory>();
      for (const chunk of chunksOf(ids, 1000)) {
        const rows = await db
          .selectFrom('stories')
          .select(['id', ...storedColumns])
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) found.set(row.id, toStored(row));
      }
      return found;
    },
    findByIds,
    async findByUri(sourceId, uri) {
      const row = await db
        .selectFrom('stories')
        .select(storedColumns)
        .where('source_id', '=', sourceId)
        .where('uri', '=', uri)
        .executeTakeFirst();
      return row ? toStored(row) : undefined;
    },
    async listByHeroMedia(mediaId) {
      const rows = await db.selectFrom('stories').select(storyColumns).where('hero_media_id', '=', mediaId).execute();
      return rows.map(toStory);
    },
    async findBySlug(slug, publishedOn) {
      const current = await db
        .selectFrom('stories')
        .select(storyColumns)
        .where('slug', '=', slug)
        .orderBy('firstcreated', 'desc')
        .execute();
      const former =
        current.length > 0
          ? []
          : await db
              .selectFrom('story_slugs')
              .innerJoin('stories', 'stories.id', 'story_slugs.story_id')
              .select(['stories.data', 'stories.state', 'stories.published_at', 'stories.revision'])
              .where('story_slugs.slug', '=', slug)
              .orderBy('stories.firstcreated', 'desc')
              .execute();
      const stories = [...current, ...former].map(toStory);
      const onDay = publishedOn ? stories.find((s) => (s.publishedAt ?? s.firstcreated).startsWith(publishedOn)) : undefined;
      return onDay ?? stories[0];
    },
    async listPublished(query) {
      const stories = await listLatest(query);
      const total = await listQuery(query)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { stories, total: Number(total.n) };
    },
    listLatest,
    async publishedLanguages() {
      const rows = await published()
        .select(['stories.language', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('stories.language')
        .execute();
      const counts = new Map<string, number>();
      for (const row of rows) {
        const language = primaryLanguage(row.language);
        counts.set(language, (counts.get(language) ?? 0) + Number(row.n));
      }
      return [...counts]
        .map(([language, count]) => ({ language, count }))
        .sort((a, b) => b.count - a.count || a.language.localeCompare(b.language));
    },
    async listDueEmbargoes(now, limit) {
      const rows = await db
        .selectFrom('stories')
        .select(storyColumns)
        .where('state', 'in', ['embargoed', 'scheduled'])
        .where('embargoed', '<=', now.toISOString())
        .orderBy('embargoed')
        .limit(limit)
        .execute();
      return rows.map(toStory);
    },
    async listDueExpiries(now, limit) {
      const rows = await published()
        .select(storyColumns)
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
    async history(storyId) {
      const rows = await db.selectFrom('story_versions').selectAll().where('story_id', '=', storyId).orderBy('id').execute();
      return rows.map((r) => ({
        revision: r.revision ?? undefined,
        version: r.version ?? undefined,
        pubstatus: r.pubstatus,
        receivedAt: r.received_at,
        ninjs: JSON.parse(r.ninjs),
        ...(r.editor_id ? { editorId: r.editor_id } : {}),
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
