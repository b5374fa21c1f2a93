import type { Kysely } from 'kysely';
import type { Story } from '../core/story.js';
import { slugify } from '../core/urls.js';
import { chunksOf } from './chunks.js';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

/** Tag names' slugs: wire copy repeats a small set of keywords, and slugify (Unicode folding) is a few µs each. */
const tagSlugs = new Map<string, string>();
const tagSlugsLimit = 10_000;
function tagSlugOf(name: string): string {
  let slug = tagSlugs.get(name);
  if (slug === undefined) {
    slug = slugify(name);
    if (tagSlugs.size >= tagSlugsLimit) tagSlugs.clear();
    tagSlugs.set(name, slug);
  }
  return slug;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The rows beside a story that a batch of story changes writes (the `stories` rows themselves
 * are story-changes.ts's alone): tags and authors of each story's final state, replaced only
 * when they differ from what was stored before the batch (a new story has nothing to replace),
 * and every slug a story took, for the redirects. One statement per table for the whole batch.
 */
export async function writeStoryLists(
  db: Kysely<Database>,
  insertRows: StoreDialect['insertRows'],
  stories: Array<{ story: Story; before: Story | undefined }>,
  slugs: Array<{ slug: string; story_id: string }>,
): Promise<void> {
  const tagsChanged = stories.filter(({ story, before }) => !before || !sameList(before.tags, story.tags));
  const authorsChanged = stories.filter(({ story, before }) => !before || !sameList(before.authorSlugs, story.authorSlugs));
  const replacedTags = tagsChanged.flatMap(({ story, before }) => (before ? [story.id] : []));
  for (const ids of chunksOf(replacedTags, 1000)) await db.deleteFrom('story_tags').where('story_id', 'in', ids).execute();
  const tags = tagsChanged.flatMap(({ story }) =>
    [...new Map(story.tags.map((name) => [tagSlugOf(name), name]))].map(([tag, name]) => ({ story_id: story.id, tag, name })),
  );
  await insertRows(db, 'story_tags', tags);
  const replacedAuthors = authorsChanged.flatMap(({ story, before }) => (before ? [story.id] : []));
  for (const ids of chunksOf(replacedAuthors, 1000)) {
    await db.deleteFrom('story_authors').where('story_id', 'in', ids).execute();
  }
  const authors = authorsChanged.flatMap(({ story }) =>
    [...new Set(story.authorSlugs)].map((author_slug, position) => ({ story_id: story.id, author_slug, position })),
  );
  await insertRows(db, 'story_authors', authors);
  const uniqueSlugs = [...new Map(slugs.map((s) => [`${s.story_id}\n${s.slug}`, s])).values()];
  await insertRows(db, 'story_slugs', uniqueSlugs, { key: ['slug', 'story_id'], update: [] });
}
