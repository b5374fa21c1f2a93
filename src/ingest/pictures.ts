import { isLedeError } from '../core/errors.js';
import type { Ninjs, NinjsAssociation } from '../core/ninjs.js';
import { featuredPicture, mainBodyHtml, textsByRole } from '../core/ninjs.js';
import type { Media, SanitizedHtml, Source } from '../core/story.js';
import { mediaPath } from '../core/urls.js';
import type { EventOrigin, Repos } from '../store/types.js';
import { type MediaLibrary, mediaIdFor } from './media.js';
import { toSanitizedHtml } from './sanitize.js';

export interface PictureLogger {
  warn(obj: object, msg?: string): void;
}

/** The largest rendition with an href: what we fetch and keep. */
function bestRendition(picture: Pick<Ninjs, 'renditions'>) {
  return [...(picture.renditions ?? [])].filter((r) => r.href).sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
}

/** The credit under a picture: its own copyright holder when it is not the source's, else the source's credit. */
function creditFor(picture: Pick<NinjsAssociation, 'copyrightholder'>, source: Source): string {
  return picture.copyrightholder && picture.copyrightholder !== source.copyrightholder
    ? picture.copyrightholder
    : (source.photoCredit ?? source.shortName);
}

/**
 * Fetches and stores a picture (a story's featured picture, or a picture item of its own).
 * A story is not lost for its picture: on failure it goes out without one, and the log says why.
 * A picture the agency killed gives nothing.
 */
export async function importPictureOf(deps: {
  media: MediaLibrary;
  picture: NinjsAssociation | Ninjs;
  source: Source;
  logger?: PictureLogger;
}): Promise<Media | undefined> {
  const { picture } = deps;
  const rendition = bestRendition(picture);
  if (!rendition?.href) return undefined;
  try {
    const media = await deps.media.importPicture({
      href: rendition.href,
      uri: picture.uri,
      byline: picture.by,
      credit: creditFor(picture, deps.source),
      caption: textsByRole(picture.descriptions, 'caption')[0] ?? textsByRole(picture.descriptions, 'summary')[0],
      allowPrivateFetch: deps.source.rules?.allowPrivateFetch,
    });
    return media.killedAt ? undefined : media;
  } catch (error) {
    deps.logger?.warn(
      { uri: picture.uri, href: rendition.href, err: isLedeError(error) ? error.message : String(error) },
      'picture not imported',
    );
    return undefined;
  }
}

/** The hero of a text item: its featured picture, stored locally. */
export function heroOf(deps: { media: MediaLibrary; item: Ninjs; source: Source; logger?: PictureLogger }): Promise<Media | undefined> {
  const picture = featuredPicture(deps.item);
  return picture ? importPictureOf({ ...deps, picture }) : Promise.resolve(undefined);
}

const imgTag = /<img\b[^>]*?\ssrc="([^"]*)"[^>]*>/g;
const maxBodyImages = 20;
const decodeAttribute = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Whether preparing the item would fetch anything: a featured picture or a picture in the body. */
export function hasPicturesToFetch(item: Ninjs): boolean {
  return featuredPicture(item) !== undefined || /<img\b/.test(mainBodyHtml(item) ?? '');
}

/**
 * Pictures inside a (sanitised) body are agency pictures too: each is fetched, stored and
 * linked locally, never hotlinked. One that cannot be fetched is dropped from the body.
 * This is where an item's body becomes a story's: it leaves through the sanitiser, which
 * checks it (a parser's body passes unchanged) rather than trusting the item or the rewrite.
 */
export async function localizeBodyImages(
  deps: { media: MediaLibrary; source: Source; logger?: PictureLogger },
  html: string,
): Promise<SanitizedHtml> {
  const sources = [...new Set([...html.matchAll(imgTag)].map((m) => decodeAttribute(m[1]!)))];
  if (sources.length === 0) return toSanitizedHtml(html);
  const local = new Map<string, string | undefined>();
  for (const href of sources.slice(0, maxBodyImages)) {
    try {
      const media = await deps.media.importPicture({
        href,
        credit: creditFor({}, deps.source),
        allowPrivateFetch: deps.source.rules?.allowPrivateFetch,
      });
      local.set(href, media.killedAt ? undefined : mediaPath(media.id));
    } catch (error) {
      deps.logger?.warn(
        { href, err: isLedeError(error) ? error.message : String(error) },
        'body picture not imported; dropped from the body',
      );
    }
  }
  const localized = html.replace(imgTag, (tag, src: string) => {
    const path = local.get(decodeAttribute(src));
    return path === undefined ? '' : tag.replace(`src="${src}"`, `src="${path}"`);
  });
  return toSanitizedHtml(localized);
}

/** A picture delivered as an item of its own (NewsML-G2 picture newsItem, ninjs picture). */
export const isPictureItem = (item: Ninjs) => item.type === 'picture' || item.type === 'graphic';

/**
 * A killed picture leaves every story that uses it: the hero goes, and an `update` event
 * (for a visible story) makes every page and channel follow. The media row is kept, marked
 * killed, so that no later story brings the picture back; a kill for a picture we never saw
 * leaves such a row too (a tombstone).
 */
export async function applyPictureKill(
  tx: Repos,
  input: { uri: string; version?: string; at: string; origin: EventOrigin },
): Promise<{ mediaId: string; stories: string[] }> {
  const mediaId = mediaIdFor(input.uri);
  const existing = await tx.media.findById(mediaId);
  if (!existing)
    await tx.media.upsert({ id: mediaId, uri: input.uri, contentType: 'application/octet-stream', width: 0, height: 0, path: '' });
  await tx.media.markKilled(mediaId, input.at);
  const stories = await tx.stories.listByHeroMedia(mediaId);
  for (const { id } of stories) {
    await tx.applyStoryChange({
      id,
      decide: (current) => {
        if (current?.hero?.mediaId !== mediaId) return undefined;
        return {
          story: { ...current, hero: undefined },
          event: { kind: current.state === 'published' ? 'update' : 'store', version: current.version, origin: input.origin, at: input.at },
        };
      },
    });
  }
  return { mediaId, stories: stories.map((s) => s.id) };
}
