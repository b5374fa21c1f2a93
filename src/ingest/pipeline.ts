import type { Clock } from '../core/clock.js';
import { keyedOnce } from '../core/keyed-once.js';
import { agencyVersionEffect, eventForTransition, firstPublishedAt, storyStateAt } from '../core/lifecycle.js';
import { mainBodyHtml, type Ninjs } from '../core/ninjs.js';
import type { Author, Media, SanitizedHtml, Section, Source, StoryState } from '../core/story.js';
import { decideVersion } from '../core/versioning.js';
import { assertLeaseHeld } from '../store/fence.js';
import type { StoryChangeRequest, StoryChangeResult } from '../store/story-changes.js';
import type { EventOrigin, Lease, Store } from '../store/types.js';
import { fileTooLarge } from './files.js';
import { type MediaLibrary, mediaIdFor } from './media.js';
import { type ParseWire, parseInline, type WireInput } from './parse-pool.js';
import { recordPermalinkRedirects } from './permalinks.js';
import { applyPictureKill, hasPicturesToFetch, heroOf, importPictureOf, isPictureItem, localizeBodyImages } from './pictures.js';
import { ensureSource, sourceSlugFor } from './sources/resolve.js';
import { buildStory, contentHashOf, storyIdFor } from './to-story.js';

export type ItemOutcome = 'publish' | 'update' | 'kill' | 'withhold' | 'store' | 'ignored' | 'picture';

export interface ItemResult {
  /** Our id: the story's, or the picture's for a picture item. */
  id: string;
  uri: string;
  version?: string;
  source: string;
  outcome: ItemOutcome;
  /** Where the story stands now (absent for ignored items and pictures). */
  state?: StoryState;
  reason?: string;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface IngestOptions {
  /** The source every item belongs to; else each item's provider (registered when new). */
  source?: string;
  origin?: EventOrigin;
  /** A scheduled task's lease: the batch is written only while it is still held (store/fence.ts). */
  fence?: Lease;
  /**
   * The author slug of the staff member who handled this copy for the desk (the demo's desk
   * editors): the story's author when its byline names no known one; the agency stays the source.
   */
  handledBy?: string;
}

export const defaultMaxFileBytes = 20 * 1024 * 1024;
const pictureConcurrency = 6;

type Prepared =
  | { kind: 'story'; item: Ninjs; source: Source; hero?: Media; bodyHtml?: SanitizedHtml }
  | { kind: 'picture'; item: Ninjs; source: Source; media?: Media }
  | { kind: 'picture-kill'; item: Ninjs; source: Source };

/**
 * Stores normalised items by the lifecycle rules: one transaction per batch (a file or a
 * request), each change with its row in `events`, so every surface follows and a crash
 * leaves no half-stored story. Per-source rules decide time zone, versions, sections,
 * byline and whether a story waits for an editor.
 */
export function createIngestPipeline(deps: { store: Store; clock: Clock; media: MediaLibrary; logger?: Logger; maxFileBytes?: number }) {
  const { store, clock } = deps;
  const maxFileBytes = deps.maxFileBytes ?? defaultMaxFileBytes;

  /** Outside the transaction: the source, and the pictures to fetch (slow, so never inside it). */
  const prepare = async (item: Ninjs, sourceOf: (item: Ninjs) => Promise<Source>): Promise<Prepared> => {
    const source = await sourceOf(item);
    if (item.pubstatus === 'canceled' && isPictureItem(item)) return { kind: 'picture-kill', item, source };
    if (isPictureItem(item)) return { kind: 'picture', item, source, media: await importPictureOf({ ...deps, picture: item, source }) };
    // Without pictures to fetch, the version is decided in the transaction alone.
    if (item.pubstatus !== 'canceled' && !hasPicturesToFetch(item)) return { kind: 'story', item, source };
    const stored = await store.stories.findByUri(source.slug, item.uri);
    if (item.pubstatus === 'canceled') {
      // A kill of a uri we know only as a picture is a picture kill, not a story tombstone.
      if (!stored && (await store.media.findById(mediaIdFor(item.uri)))) return { kind: 'picture-kill', item, source };
      return { kind: 'story', item, source };
    }
    // A version that will be ignored (a feed served again) fetches no picture.
    const stamp = { ...item, contentHash: contentHashOf(item) };
    if (decideVersion(stored, stamp, { sequentialVersions: source.rules?.sequentialVersions !== false }).action === 'ignore') {
      return { kind: 'story', item, source };
    }
    const body = mainBodyHtml(item);
    const bodyHtml = body === undefined ? undefined : await localizeBodyImages({ ...deps, source }, body);
    return { kind: 'story', item, source, hero: await heroOf({ ...deps, item, source }), bodyHtml };
  };

  /** Prepares items a few at a time (picture fetches overlap), keeping their order. */
  const prepareAll = async (items: Ninjs[], options: IngestOptions): Promise<Prepared[]> => {
    // A batch mostly comes from one source: it is looked up (or registered) once.
    const once = keyedOnce<Promise<Source>>();
    const sourceOf = (item: Ninjs) => {
      const slug = sourceSlugFor(item, options.source);
      return once(slug, () => ensureSource(store.sources, slug, item));
    };
    const prepared = new Array<Prepared>(items.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < items.length; i = next++) prepared[i] = await prepare(items[i]!, sourceOf);
    };
    await Promise.all(Array.from({ length: Math.min(pictureConcurrency, items.length) }, worker));
    return prepared;
  };

  /**
   * One agency version as a request to the one story-change operation, decided on the locked,
   * latest story; `resultOf` tells the item's outcome once the change is applied.
   */
  const storyChangeOf = (
    entry: Extract<Prepared, { kind: 'story' }>,
    ctx: { now: Date; receivedAt: string; origin: EventOrigin; sections: Section[]; authors: Author[]; handledBy?: string },
  ): { request: StoryChangeRequest; resultOf: (result: StoryChangeResult) => ItemResult } => {
    const { item, source, hero, bodyHtml } = entry;
    const { now, receivedAt } = ctx;
    const id = storyIdFor(source.slug, item.uri);
    const base = { id, uri: item.uri, version: item.version, source: source.slug };
    const contentHash = contentHashOf(item);
    let ignored: string | undefined;
    const request: StoryChangeRequest = {
      id,
      decide: (stored) => {
        const decision = decideVersion(
          stored,
          { ...item, contentHash },
          { sequentialVersions: source.rules?.sequentialVersions !== false },
        );
        if (decision.action === 'ignore') {
          ignored = decision.reason;
          return undefined;
        }
        const isHeld = source.publishRule === 'hold' && !stored?.publishedAt;
        const state = storyStateAt({ ...item, isHeld }, now);
        const publishedAt = firstPublishedAt({
          storedPublishedAt: stored?.publishedAt,
          state,
          firstcreated: item.firstcreated ?? item.versioncreated,
          embargoed: item.embargoed,
          now,
        });
        const kind = eventForTransition(stored?.state, state);
        const version = { version: item.version, pubstatus: item.pubstatus, ninjs: item };
        const event = { version: item.version, origin: ctx.origin, at: receivedAt };
        if (stored && agencyVersionEffect({ isEditorEdited: stored.editorEdited, pubstatus: item.pubstatus }) === 'keep-editor-copy') {
          // An editor's change is kept: the agency version goes into history and flags the story;
          // only its status (withhold, a return to usable) applies.
          const story = {
            ...stored,
            version: item.version,
            versioncreated: item.versioncreated ?? receivedAt,
            pubstatus: item.pubstatus,
            state,
            publishedAt,
            contentHash,
          };
          return {
            story,
            flags: { wireUpdatePending: stored.wireUpdatePending || item.pubstatus === 'usable' },
            version,
            event: { ...event, kind: kind === 'update' ? 'store' : kind },
          };
        }
        const story = buildStory({ item, contentHash, sourceId: source.slug, source, ...ctx, stored, hero, bodyHtml, state, publishedAt });
        return { story, version, event: { ...event, kind } };
      },
    };
    const resultOf = (result: StoryChangeResult): ItemResult =>
      result.applied ? { ...base, outcome: result.kind, state: result.story.state } : { ...base, outcome: 'ignored', reason: ignored };
    return { request, resultOf };
  };

  const ingestItems = async (items: Ninjs[], options: IngestOptions = {}): Promise<ItemResult[]> => {
    const prepared = await prepareAll(items, options);
    const sections = await store.sections.list();
    const authors = await store.authors.list();
    const now = clock.now();
    const receivedAt = now.toISOString();
    const origin = options.origin ?? 'wire';
    // The store retries a transaction that found another writer busy; decisions are made inside it.
    return store.transaction(async (tx) => {
      await assertLeaseHeld(tx, options.fence, clock.now());
      const results: ItemResult[] = [];
      // Consecutive stories go to the store as one batch of changes (one statement per table);
      // a picture kill, which reads the stories using the picture, waits until they are written.
      let stories: Array<ReturnType<typeof storyChangeOf>> = [];
      const writeStories = async () => {
        const applied = await tx.applyStoryChanges(stories.map((s) => s.request));
        results.push(...applied.map((result, i) => stories[i]!.resultOf(result)));
        stories = [];
        const moved = applied.flatMap((result) => (result.applied && result.story.ninjs.altids ? [result.story] : []));
        await recordPermalinkRedirects(tx, moved, receivedAt);
      };
      for (const entry of prepared) {
        const { item, source } = entry;
        if (entry.kind === 'story') {
          stories.push(storyChangeOf(entry, { now, receivedAt, origin, sections, authors, handledBy: options.handledBy }));
          continue;
        }
        await writeStories();
        if (entry.kind === 'picture-kill') {
          const { mediaId } = await applyPictureKill(tx, { uri: item.uri, version: item.version, at: receivedAt, origin });
          results.push({ id: mediaId, uri: item.uri, version: item.version, source: source.slug, outcome: 'kill' });
        } else {
          const id = entry.media?.id ?? mediaIdFor(item.uri);
          const result: ItemResult = { id, uri: item.uri, version: item.version, source: source.slug, outcome: 'picture' };
          results.push(entry.media ? result : { ...result, outcome: 'ignored', reason: 'picture not fetched' });
        }
      }
      await writeStories();
      // Health counts what changed something: a feed served again unchanged is silence.
      const delivering = new Set(results.filter((r) => r.outcome !== 'ignored').map((r) => r.source));
      for (const slug of delivering) await tx.sources.recordDelivery(slug, receivedAt);
      return results;
    });
  };

  const sourceTimezone = async (slug: string) => (await store.sources.findBySlug(slug))?.rules?.timezone;

  /**
   * Parses a file (its bytes, or its path: then the parser reads it) in its source's time zone.
   * Without an explicit source, the provider named in the file decides; when that source has
   * a time zone, the file is read again in it. A bulk ingest passes its own parser (a worker
   * pool) and a memoised time-zone lookup.
   */
  const parseFile = async (
    input: { filename: string; source?: string; warn?: (message: string) => void } & ({ bytes: Buffer } | { path: string }),
    hooks: { parse?: ParseWire; timezoneOf?: (slug: string) => Promise<string | undefined> } = {},
  ): Promise<Ninjs[]> => {
    if ('bytes' in input && input.bytes.length > maxFileBytes) throw fileTooLarge(input.filename, input.bytes.length, maxFileBytes);
    const wire: WireInput = 'bytes' in input ? { bytes: input.bytes } : { path: input.path, maxBytes: maxFileBytes };
    const parse = hooks.parse ?? parseInline;
    const timezoneOf = hooks.timezoneOf ?? sourceTimezone;
    // Warnings are told once, from the reading that counts.
    const read = async (timezone: string | undefined) => {
      const warnings: string[] = [];
      const items = await parse(wire, { filename: input.filename, timezone, warn: (message) => warnings.push(message) });
      return { items, warnings };
    };
    let result = await read(input.source ? await timezoneOf(input.source) : undefined);
    if (!input.source && result.items.length > 0) {
      const timezone = await timezoneOf(sourceSlugFor(result.items[0]!));
      if (timezone) result = await read(timezone);
    }
    for (const message of result.warnings) input.warn?.(message);
    await recordUnreadable(input.source, result.warnings);
    return result.items;
  };

  /** A body that had text but could not be read goes into the source's health record too (issue 10), not only the log. */
  const recordUnreadable = async (slug: string | undefined, warnings: string[]) => {
    const unreadable = warnings.filter((message) => message.includes(': body unreadable ('));
    if (!slug || unreadable.length === 0 || !(await store.sources.findBySlug(slug))) return;
    await store.sources.recordError(slug, { at: clock.now().toISOString(), message: unreadable.join('\n') });
  };

  return {
    ingestItems,
    parseFile,
    sourceTimezone,
    /** Parses and ingests one file (or request body) as one batch; a bad file throws its LedeError. */
    async ingestFile(input: { bytes: Buffer; filename: string } & IngestOptions): Promise<ItemResult[]> {
      return ingestItems(await parseFile(input), input);
    },
  };
}

export type IngestPipeline = ReturnType<typeof createIngestPipeline>;
