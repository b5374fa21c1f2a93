import type { Sharp } from 'sharp';
import {
  heightFor,
  type Rendition,
  type RenditionFormat,
  renditionFormats,
  renditionPath,
  renditionRecipe,
  widthsFor,
} from '../core/renditions.js';
import type { Media } from '../core/story.js';
import type { MediaStorage } from './media-storage.js';
import type { MediaRepo, StoredRendition } from './types.js';

/** Pictures above this many pixels are refused before they are decoded (an upload's 50 megapixels). */
export const maxInputPixels = 50_000_000;

/**
 * Encoder settings of recipe `r1`, chosen for cost as much as size: they run once per picture,
 * on ingest, demo load and upload. AVIF at effort 0 takes about a third of a second for the
 * six widths of a 1600 px picture (effort 4 takes five seconds for 10% less); WebP at effort 2
 * and a plain progressive JPEG (mozjpeg's trellis costs 2.5× for 25%) cost less together.
 */
const encode: Record<RenditionFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 0 }),
  webp: (image) => image.webp({ quality: 72, effort: 2 }),
  jpeg: (image) => image.jpeg({ quality: 78, progressive: true }),
};

/** Storage key of one rendition: `renditions/ab/abc123/r1-640.avif`. */
export function renditionKey(mediaId: string, width: number, format: RenditionFormat): string {
  const file = renditionPath(mediaId, width, format).split('/').pop()!;
  return `renditions/${mediaId.slice(0, 2)}/${mediaId}/${file}`;
}

/**
 * Makes a picture's renditions (core/renditions.ts) once, stores them in media storage and
 * records them in the media repository. Metadata (EXIF, GPS, XMP, ICC) never reaches a
 * rendition: sharp writes none unless asked, and the picture is turned upright first by its
 * EXIF orientation. Two requests for the same picture at once share one piece of work.
 */
export function createMediaRenditions(deps: { media: MediaRepo; storage: MediaStorage }) {
  const inFlight = new Map<string, Promise<Rendition[]>>();

  const make = async (media: Media, bytes: Buffer): Promise<Rendition[]> => {
    // sharp (libvips) is loaded at the first picture: most commands never draw one.
    const { default: sharp } = await import('sharp');
    // Decoded, turned upright and brought down to the widest rendition once; every rendition is made from that.
    const base = await sharp(bytes, { limitInputPixels: maxInputPixels })
      .rotate()
      .resize({ width: 1600, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const size = { width: base.info.width, height: base.info.height };
    const jobs = widthsFor(size.width).flatMap((width) =>
      renditionFormats.map(async (format): Promise<StoredRendition> => {
        const height = heightFor(size, width);
        const image = sharp(base.data, { raw: { width: size.width, height: size.height, channels: base.info.channels } }).resize({
          width,
          height,
          fit: 'fill',
        });
        const data = await encode[format](format === 'jpeg' ? image.flatten({ background: '#ffffff' }) : image).toBuffer();
        const path = renditionKey(media.id, width, format);
        await deps.storage.put(path, data);
        return { format, width, height, bytes: data.byteLength, path };
      }),
    );
    const stored = await Promise.all(jobs);
    await deps.media.saveRenditions(media.id, renditionRecipe, stored);
    return stored.map(({ path: _path, ...r }) => ({ ...r, url: renditionPath(media.id, r.width, r.format) }));
  };

  const once = (media: Media, load: () => Promise<Buffer>): Promise<Rendition[]> => {
    const running = inFlight.get(media.id);
    if (running) return running;
    const work = load()
      .then((bytes) => make(media, bytes))
      .finally(() => inFlight.delete(media.id));
    inFlight.set(media.id, work);
    return work;
  };

  const sourceBytes = async (media: Media): Promise<Buffer> => {
    for (const key of [media.originalPath, media.path]) {
      const bytes = key ? await deps.storage.read(key) : undefined;
      if (bytes) return bytes;
    }
    throw new Error(`picture ${media.id} has no file in media storage (${media.originalPath ?? media.path})`);
  };

  return {
    /** Waits for the renditions being made now (a closing process lets them finish writing). */
    async settle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
    /** Makes the renditions of a picture from bytes in hand (an import or upload just read them). */
    makeFrom(media: Media, bytes: Buffer): Promise<Rendition[]> {
      return once(media, async () => bytes);
    },
    /** The picture's renditions, made from its stored file when they are not recorded yet. */
    async ensure(media: Media): Promise<Rendition[]> {
      const recorded = await deps.media.listRenditions(media.id, renditionRecipe);
      if (recorded.length > 0) return recorded;
      return once(media, () => sourceBytes(media));
    },
    /**
     * Makes the renditions of every picture stored before renditions existed (or under an older
     * recipe), one at a time, `batch` rows read at a time: what the start-up backfill runs in the
     * background. A picture that fails (its file is gone) is reported and passed over.
     */
    async backfill(options: { batch?: number } = {}): Promise<{ made: number; failed: Array<{ mediaId: string; reason: string }> }> {
      const failed: Array<{ mediaId: string; reason: string }> = [];
      let made = 0;
      let afterId: string | undefined;
      for (;;) {
        const pending = await deps.media.listWithoutRenditions({ recipe: renditionRecipe, limit: options.batch ?? 20, afterId });
        if (pending.length === 0) return { made, failed };
        for (const media of pending) {
          try {
            await once(media, () => sourceBytes(media));
            made++;
          } catch (error) {
            failed.push({ mediaId: media.id, reason: (error as Error).message });
          }
        }
        afterId = pending[pending.length - 1]!.id;
      }
    },
  };
}

export type MediaRenditions = ReturnType<typeof createMediaRenditions>;
