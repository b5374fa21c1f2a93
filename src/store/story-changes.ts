import type { Insertable, Kysely } from 'kysely';
import { LedeError } from '../core/errors.js';
import type { StoryEventKind } from '../core/lifecycle.js';
import type { Ninjs } from '../core/ninjs.js';
import type { Story } from '../core/story.js';
import { slugify } from '../core/urls.js';
import type { Database, StoryRow } from './schema.js';
import type { EventOrigin, EventRepo, SearchIndex, StoredStory, StoryFlags } from './types.js';

/** What one change does to a story, decided from the story as stored (and locked) now. */
export interface StoryChange {
  /** The story as it is to be stored: content, state, first publication (a stored story's flags and revision are not content). */
  story: Story;
  /** Flags to set; a flag not given keeps its stored value (it is never cleared by omission). */
  flags?: Partial<StoryFlags>;
  /** The version this change records in the story's history (an agency version, an editor's save). */
  version?: { version?: string; pubstatus: string; ninjs: Ninjs; editorId?: string };
  /** The event every surface follows; its time is also the version's receipt time. */
  event: { kind: StoryEventKind; version?: string; origin: EventOrigin; at: string };
}

export interface StoryChangeRequest {
  /** Our story id (`storyIdFor(source, uri)` for agency copy). */
  id: string;
  /** Refuse the change (LEDE_STORY_REVISION_STALE) unless the stored revision is this one. */
  baseRevision?: number;
  /** Decides the change from the stored story (undefined: a first sighting); undefined changes nothing. */
  decide(current: StoredStory | undefined): StoryChange | undefined | Promise<StoryChange | undefined>;
}

export type StoryChangeResult =
  | { applied: true; story: StoredStory; eventId: number; kind: StoryEventKind }
  | { applied: false; current: StoredStory | undefined };

/** A story without what are columns, not content (a caller may pass a stored story on). Not `delete`: that would make JSON.stringify slow. */
const contentOf = ({ editorKilled, editorEdited, wireUpdatePending, revision, ...content }: Story & Partial<StoredStory>): Story => content;

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The one way a story is written: ingest, scheduled release, picture kills and the newsroom
 * all come through here, and nothing else writes the `stories` table (the architecture test
 * checks). In one transaction it takes the story-writes lock, reads the stored story, lets the
 * caller decide on that latest state, then writes the story with its flags merged, bumps
 * Lede's revision, records the version and appends the event (with its outbox rows).
 */
export function createStoryChanges(
  db: Kysely<Database>,
  deps: {
    /** Takes the story-writes lock of this transaction (taken once per transaction). */
    lock: () => Promise<void>;
    search: SearchIndex;
    events: EventRepo;
    read: (id: string) => Promise<StoredStory | undefined>;
  },
) {
  const writeStory = async (story: Story, flags: StoryFlags, revision: number, previous: Story | undefined) => {
    const content = contentOf(story);
    const row: Insertable<StoryRow> = {
      id: story.id,
      source_id: story.sourceId,
      uri: story.uri,
      version: story.version ?? null,
      state: story.state,
      pubstatus: story.pubstatus,
      editor_killed: flags.editorKilled ? 1 : 0,
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
      editor_edited: flags.editorEdited ? 1 : 0,
      wire_update_pending: flags.wireUpdatePending ? 1 : 0,
      revision,
      data: JSON.stringify(content),
    };
    const { id, ...changes } = row;
    await db
      .insertInto('stories')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
    // A new story has no rows to replace; an unchanged list is left as it is.
    if (!previous || !sameList(previous.tags, story.tags)) {
      if (previous) await db.deleteFrom('story_tags').where('story_id', '=', id).execute();
      const tags = new Map(story.tags.map((name) => [slugify(name), name]));
      if (tags.size > 0) {
        await db
          .insertInto('story_tags')
          .values([...tags].map(([tag, name]) => ({ story_id: id, tag, name })))
          .execute();
      }
    }
    if (!previous || !sameList(previous.authorSlugs, story.authorSlugs)) {
      if (previous) await db.deleteFrom('story_authors').where('story_id', '=', id).execute();
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
    if (story.state === 'published') await deps.search.index(story, { isNew: !previous });
    else if (previous) await deps.search.remove(id);
  };

  return {
    async apply(request: StoryChangeRequest): Promise<StoryChangeResult> {
      if (!db.isTransaction) throw new Error('applyStoryChange runs inside a transaction (store.transaction)');
      await deps.lock();
      const current = await deps.read(request.id);
      if (request.baseRevision !== undefined && (current?.revision ?? 0) !== request.baseRevision) {
        throw new LedeError(
          'LEDE_STORY_REVISION_STALE',
          `story ${request.id} is at revision ${current?.revision ?? 0}, not ${request.baseRevision}: someone changed it meanwhile`,
          { details: { field: 'revision', value: request.baseRevision }, help: 'reload the story and apply the change again' },
        );
      }
      const change = await request.decide(current);
      if (!change) return { applied: false, current };
      if (change.story.id !== request.id) throw new Error(`a change of story ${request.id} cannot write story ${change.story.id}`);
      const flags: StoryFlags = {
        editorKilled: change.flags?.editorKilled ?? current?.editorKilled ?? false,
        editorEdited: change.flags?.editorEdited ?? current?.editorEdited ?? false,
        wireUpdatePending: change.flags?.wireUpdatePending ?? current?.wireUpdatePending ?? false,
      };
      const revision = (current?.revision ?? 0) + 1;
      await writeStory(change.story, flags, revision, current);
      if (change.version) {
        await db
          .insertInto('story_versions')
          .values({
            story_id: request.id,
            version: change.version.version ?? null,
            pubstatus: change.version.pubstatus,
            received_at: change.event.at,
            ninjs: JSON.stringify(change.version.ninjs),
            revision,
            editor_id: change.version.editorId ?? null,
          })
          .execute();
      }
      const eventId = await deps.events.append({ storyId: request.id, ...change.event });
      return { applied: true, story: { ...change.story, ...flags, revision }, eventId, kind: change.event.kind };
    },
  };
}

export type StoryChanges = ReturnType<typeof createStoryChanges>;
