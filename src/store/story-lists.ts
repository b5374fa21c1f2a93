import type { Kysely } from 'kysely';
import type { Story } from '../core/story.js';
import { slugify } from '../core/urls.js';
import { chunksOf } from './chunks.js';
import type { Database } from './schema.js';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The rows beside a story that a batch of story changes writes (the `stories` rows themselves
 * are story-changes.ts's alone): tags and authors of each story's final state, replaced only
 * when they differ from what was stored before the batch (a new story has nothing to replace),
 * and every slug a story took, for the redirects. One statement per table for the whole batch.
 */
export async function writeStoryLists(
  db: Kysely<Database>,
  stories: Array<{ story: Story; before: Story | undefined }>,
  slugs: Array<{ slug: string; story_id: string }>,
): Promise<void> {
  const tagsChanged = stories.filter(({ story, before }) => !before || !sameList(before.tags, story.tags));
  const authorsChanged = stories.filter(({ story, before }) => !before || !sameList(before.authorSlugs, story.authorSlugs));
  const replacedTags = tagsChanged.flatMap(({ story, before }) => (before ? [story.id] : []));
  for (const ids of chunksOf(replacedTags, 1000)) await db.deleteFrom('story_tags').where('story_id', 'in', ids).execute();
  const tags = tagsChanged.flatMap(({ story }) =>
    [...new Map(story.tags.map((name) => [slugify(name), name]))].map(([tag, name]) => ({ story_id: story.id, tag, name })),
  );
  for (const chunk of chunksOf(tags, 1000)) await db.insertInto('story_tags').values(chunk).execute();
  const replacedAuthors = authorsChanged.flatMap(({ story, before }) => (before ? [story.id] : []));
  for (const ids of chunksOf(replacedAuthors, 1000)) {
    await db.deleteFrom('story_authors').where('story_id', 'in', ids).execute();
  }
  const authors = authorsChanged.flatMap(({ story }) =>
    [...new Set(story.authorSlugs)].map((author_slug, position) => ({ story_id: story.id, author_slug, position })),
  );
  for (const chunk of chunksOf(authors, 1000)) await db.insertInto('story_authors').values(chunk).execute();
  const uniqueSlugs = [...new Map(slugs.map((s) => [`${s.story_id}\n${s.slug}`, s])).values()];
  for (const chunk of chunksOf(uniqueSlugs, 1000)) {
    await db
      .insertInto('story_slugs')
      .values(chunk)
      .onConflict((oc) => oc.columns(['slug', 'story_id']).doNothing())
      .execute();
  }
}
