import type { Clock } from '../core/clock.js';
import { isLedeError } from '../core/errors.js';
import { eventForTransition, storyStateAt } from '../core/lifecycle.js';
import type { Ninjs } from '../core/ninjs.js';
import { featuredPicture, textsByRole } from '../core/ninjs.js';
import type { Media, Source } from '../core/story.js';
import { slugify } from '../core/urls.js';
import { decideVersion } from '../core/versioning.js';
import type { EventOrigin, Store } from '../store/types.js';
import type { MediaLibrary } from './media.js';
import { buildStory, contentHashOf, storyIdFor } from './to-story.js';

export type ItemOutcome = 'publish' | 'update' | 'kill' | 'withhold' | 'store' | 'ignored';

export interface ItemResult {
  id: string;
  uri: string;
  version?: string;
  outcome: ItemOutcome;
  reason?: string;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** The source a file belongs to: named by the caller, else the agency the item names. */
function sourceSlugFor(item: Ninjs, explicit?: string): string {
  return explicit ?? slugify(item.infosources?.[0]?.name ?? item.copyrightholder ?? 'unknown');
}

/**
 * Stores normalised items by the lifecycle rules: one transaction per batch, each change
 * with its row in `events`, so every surface follows and a crash leaves no half-stored story.
 */
export function createIngestPipeline(deps: { store: Store; clock: Clock; media: MediaLibrary; logger?: Logger }) {
  const { store, clock } = deps;

  const ensureSource = async (slug: string, item: Ninjs): Promise<Source> => {
    const known = await store.sources.findBySlug(slug);
    if (known) return known;
    // A source seen for the first time is registered with the default rule: auto-publish.
    const name = item.infosources?.[0]?.name ?? item.copyrightholder ?? slug;
    const source: Source = { slug, name, shortName: name, kind: 'agency', copyrightholder: item.copyrightholder, publishRule: 'auto' };
    await store.sources.upsert(source);
    return source;
  };

  const heroFor = async (item: Ninjs, source: Source): Promise<Media | undefined> => {
    const picture = featuredPicture(item);
    const rendition = [...(picture?.renditions ?? [])].filter((r) => r.href).sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
    if (!picture || !rendition?.href) return undefined;
    try {
      return await deps.media.importPicture({
        href: rendition.href,
        uri: picture.uri,
        byline: picture.by,
        credit:
          picture.copyrightholder && picture.copyrightholder !== source.copyrightholder
            ? picture.copyrightholder
            : (source.photoCredit ?? source.shortName),
        caption: textsByRole(picture.descriptions, 'caption')[0] ?? textsByRole(picture.descriptions, 'summary')[0],
      });
    } catch (error) {
      // A story is not lost for its picture: it goes out without one, and the log says why.
      deps.logger?.warn(
        { uri: item.uri, href: rendition.href, err: isLedeError(error) ? error.message : String(error) },
        'picture not imported',
      );
      return undefined;
    }
  };

  return {
    /** Ingests the items of one file or request as one batch: all of it commits, or none. */
    async ingestItems(items: Ninjs[], options: { source?: string; origin?: EventOrigin } = {}): Promise<ItemResult[]> {
      const prepared: Array<{ item: Ninjs; source: Source; hero?: Media }> = [];
      for (const item of items) {
        const source = await ensureSource(sourceSlugFor(item, options.source), item);
        const hero = item.pubstatus === 'canceled' ? undefined : await heroFor(item, source);
        prepared.push({ item, source, hero });
      }
      const sections = await store.sections.list();
      const authors = await store.authors.list();
      const now = clock.now();
      const receivedAt = now.toISOString();
      return store.transaction(async (tx) => {
        const results: ItemResult[] = [];
        for (const { item, source, hero } of prepared) {
          const id = storyIdFor(source.slug, item.uri);
          const stored = await tx.stories.findByUri(source.slug, item.uri);
          const decision = decideVersion(stored, { ...item, contentHash: contentHashOf(item) });
          if (decision.action === 'ignore') {
            results.push({ id, uri: item.uri, version: item.version, outcome: 'ignored', reason: decision.reason });
            continue;
          }
          const isHeld = source.publishRule === 'hold' && !stored?.publishedAt;
          const state = storyStateAt({ ...item, isHeld }, now);
          const firstSeen = Date.parse(item.firstcreated ?? item.versioncreated ?? receivedAt);
          const goesLive = Math.min(now.getTime(), Math.max(firstSeen, item.embargoed ? Date.parse(item.embargoed) : 0));
          const publishedAt = stored?.publishedAt ?? (state === 'published' ? new Date(goesLive).toISOString() : undefined);
          const story = buildStory({ item, sourceId: source.slug, sections, authors, stored, hero, state, publishedAt, receivedAt });
          await tx.stories.save(story, { editorKilled: stored?.editorKilled });
          await tx.stories.addVersion({ storyId: id, version: item.version, pubstatus: item.pubstatus, receivedAt, ninjs: item });
          const kind = eventForTransition(stored?.state, state);
          await tx.events.append({ storyId: id, kind, version: item.version, origin: options.origin ?? 'wire', at: receivedAt });
          results.push({ id, uri: item.uri, version: item.version, outcome: kind });
        }
        return results;
      });
    },
  };
}

export type IngestPipeline = ReturnType<typeof createIngestPipeline>;
