import type { Insertable, Kysely } from 'kysely';
import { LedeError } from '../core/errors.js';
import type { StoryEventKind } from '../core/lifecycle.js';
import type { Ninjs } from '../core/ninjs.js';
import type { Story } from '../core/story.js';
import type { StoreDialect } from './dialect.js';
import { snapshotOfRow } from './repos/outbox.js';
import type { StoryDataRow } from './repos/stories.js';
import type { Database, StoryRow, StoryVersionRow } from './schema.js';
import { writeStoryLists } from './story-lists.js';
import type { EventOrigin, EventRepo, SearchIndex, StoredStory, StoryEvent, StoryFlags } from './types.js';

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
  /**
   * Decides the change from the stored story (undefined: a first sighting); undefined changes
   * nothing. In a batch, `current` includes the batch's earlier changes, which the database
   * shows only once the batch is written: a decision reads the story from here, not from the store.
   */
  decide(current: StoredStory | undefined): StoryChange | undefined | Promise<StoryChange | undefined>;
}

export type StoryChangeResult =
  | { applied: true; story: StoredStory; eventId: number; kind: StoryEventKind }
  | { applied: false; current: StoredStory | undefined };

/** A story without what are columns, not content (a caller may pass a stored story on). Not `delete`: that would make JSON.stringify slow. */
const contentOf = ({ editorKilled, editorEdited, wireUpdatePending, revision, ...content }: Story & Partial<StoredStory>): Story => content;

/** The `stories` row of a story with its flags and revision (`data` is the story as JSON). */
function rowOf(
  story: Story,
  flags: StoryFlags,
  revision: number,
): Insertable<StoryRow> & { data: string; revision: number; published_at: string | null } {
  return {
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
    data: JSON.stringify(contentOf(story)),
  };
}

/** Every column but the key, replaced on conflict (`rowOf` writes each of them). */
const updatedColumns = [
  'source_id',
  'uri',
  'version',
  'state',
  'pubstatus',
  'editor_killed',
  'headline',
  'slug',
  'section',
  'language',
  'urgency',
  'firstcreated',
  'versioncreated',
  'published_at',
  'embargoed',
  'expires',
  'content_hash',
  'fingerprint',
  'hero_media_id',
  'editor_edited',
  'wire_update_pending',
  'revision',
  'data',
] as const satisfies ReadonlyArray<Exclude<keyof StoryRow, 'id'>>;
// A column added to StoryRow and not to the list above is a type error here.
const everyColumnListed: [Exclude<keyof StoryRow, 'id' | (typeof updatedColumns)[number]>] extends [never] ? true : false = true;
void everyColumnListed;

/**
 * The one way a story is written: ingest, scheduled release, picture kills and the newsroom
 * all come through here, and nothing else writes the `stories` table (the architecture test
 * checks). In one transaction it takes the story-writes lock, reads the stored stories, lets the
 * caller decide each change on the latest state, then writes the stories with their flags
 * merged, bumps Lede's revision, records the versions and appends the events (with their outbox rows).
 *
 * A batch (`applyMany`, bulk ingest) is decided in order, each change on the story as the
 * batch's earlier changes left it, exactly as one change after another would be; then it is
 * written with one statement per table. One change is a batch of one.
 */
export function createStoryChanges(
  db: Kysely<Database>,
  deps: {
    /** Takes the story-writes lock of this transaction (taken once per transaction). */
    lock: () => Promise<void>;
    search: SearchIndex;
    events: EventRepo;
    /** The stored stories of these ids, in one read. */
    readMany: (ids: string[]) => Promise<Map<string, StoredStory>>;
    /** The engine's way of writing a batch's rows (dialect.ts). */
    insertRows: StoreDialect['insertRows'];
    /** Told of the `stories` rows written (not yet committed: the transaction may still roll back). */
    onWritten?: (rows: StoryDataRow[]) => void;
  },
) {
  const applyMany = async (requests: StoryChangeRequest[]): Promise<StoryChangeResult[]> => {
    if (!db.isTransaction) throw new Error('applyStoryChange runs inside a transaction (store.transaction)');
    if (requests.length === 0) return [];
    await deps.lock();
    // As stored before the batch, and as the batch has changed it so far.
    const before = await deps.readMany([...new Set(requests.map((r) => r.id))]);
    const latest = new Map(before);
    const written = new Map<string, { story: Story; row: ReturnType<typeof rowOf> }>();
    const slugs: Array<{ slug: string; story_id: string }> = [];
    const versions: Array<Insertable<StoryVersionRow>> = [];
    const events: Array<{ event: Omit<StoryEvent, 'id'>; snapshot: () => string }> = [];
    const results: StoryChangeResult[] = [];
    for (const request of requests) {
      const current = latest.get(request.id);
      if (request.baseRevision !== undefined && (current?.revision ?? 0) !== request.baseRevision) {
        throw new LedeError(
          'LEDE_STORY_REVISION_STALE',
          `story ${request.id} is at revision ${current?.revision ?? 0}, not ${request.baseRevision}: someone changed it meanwhile`,
          { details: { field: 'revision', value: request.baseRevision }, help: 'reload the story and apply the change again' },
        );
      }
      const change = await request.decide(current);
      if (!change) {
        results.push({ applied: false, current });
        continue;
      }
      if (change.story.id !== request.id) throw new Error(`a change of story ${request.id} cannot write story ${change.story.id}`);
      const flags: StoryFlags = {
        editorKilled: change.flags?.editorKilled ?? current?.editorKilled ?? false,
        editorEdited: change.flags?.editorEdited ?? current?.editorEdited ?? false,
        wireUpdatePending: change.flags?.wireUpdatePending ?? current?.wireUpdatePending ?? false,
      };
      const revision = (current?.revision ?? 0) + 1;
      const row = rowOf(change.story, flags, revision);
      written.set(request.id, { story: change.story, row });
      if (current?.slug !== change.story.slug) slugs.push({ slug: change.story.slug, story_id: request.id });
      if (change.version) {
        versions.push({
          story_id: request.id,
          version: change.version.version ?? null,
          pubstatus: change.version.pubstatus,
          received_at: change.event.at,
          ninjs: JSON.stringify(change.version.ninjs),
          revision,
          editor_id: change.version.editorId ?? null,
        });
      }
      events.push({ event: { storyId: request.id, ...change.event }, snapshot: () => snapshotOfRow(row) });
      const story: StoredStory = { ...change.story, ...flags, revision };
      latest.set(request.id, story);
      results.push({ applied: true, story, eventId: 0, kind: change.event.kind });
    }
    if (written.size === 0) return results;
    // Each story once, as the batch leaves it; versions and events one by one, in order.
    await deps.insertRows(
      db,
      'stories',
      [...written.values()].map((w) => w.row),
      { key: 'id', update: updatedColumns },
    );
    await writeStoryLists(
      db,
      deps.insertRows,
      [...written].map(([id, { story }]) => ({ story, before: before.get(id) })),
      slugs,
    );
    // Only published stories are searchable; any other state leaves the index at once.
    const finals = [...written].map(([id, { story }]) => ({ story, isNew: !before.has(id) }));
    await deps.search.indexMany(finals.filter(({ story }) => story.state === 'published'));
    await deps.search.removeMany(finals.filter(({ story, isNew }) => story.state !== 'published' && !isNew).map(({ story }) => story.id));
    await deps.insertRows(db, 'story_versions', versions);
    const eventIds = await deps.events.appendMany(events);
    deps.onWritten?.([...written.values()].map(({ row }) => row));
    let next = 0;
    return results.map((result) => (result.applied ? { ...result, eventId: eventIds[next++]! } : result));
  };

  return {
    applyMany,
    async apply(request: StoryChangeRequest): Promise<StoryChangeResult> {
      return (await applyMany([request]))[0]!;
    },
  };
}

export type StoryChanges = ReturnType<typeof createStoryChanges>;
