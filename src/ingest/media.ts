import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { LedeError } from '../core/errors.js';
import type { Media } from '../core/story.js';
import type { MediaRepo } from '../store/types.js';

export interface PictureInput {
  href: string;
  uri?: string;
  byline?: string;
  credit?: string;
  caption?: string;
}

/** Produces the bytes for an href scheme we resolve ourselves (e.g. generated demo pictures). */
export type PictureGenerator = (href: string) => Promise<Buffer>;

const maxWidth = 1600;

/**
 * Agency pictures are stored locally, never hotlinked: rendition URLs are often signed and
 * expire. Each picture is re-encoded once (at most 1600 px wide) and kept with its credit.
 */
export function createMediaLibrary(deps: {
  media: MediaRepo;
  mediaDir: string;
  generators?: Record<string, PictureGenerator>;
  fetchTimeoutMs?: number;
}) {
  const load = async (href: string): Promise<Buffer> => {
    const scheme = href.slice(0, href.indexOf(':'));
    const generator = deps.generators?.[scheme];
    if (generator) return generator(href);
    if (scheme !== 'http' && scheme !== 'https') {
      throw new LedeError('LEDE_INGEST_FIELD', `picture href "${href}" has an unsupported scheme`, {
        details: { field: 'renditions.href' },
      });
    }
    const response = await fetch(href, { signal: AbortSignal.timeout(deps.fetchTimeoutMs ?? 15000) });
    if (!response.ok)
      throw new LedeError('LEDE_INGEST_FIELD', `picture ${href} answered ${response.status}`, { details: { field: 'renditions.href' } });
    return Buffer.from(await response.arrayBuffer());
  };

  return {
    async importPicture(input: PictureInput): Promise<Media> {
      const id = createHash('sha256')
        .update(input.uri ?? input.href)
        .digest('base64url')
        .slice(0, 16);
      const existing = await deps.media.findById(id);
      const meta = { byline: input.byline, credit: input.credit, caption: input.caption, uri: input.uri };
      if (existing) {
        const updated = { ...existing, ...meta };
        await deps.media.upsert(updated);
        return updated;
      }
      const original = await load(input.href);
      const { data, info } = await sharp(original)
        .rotate()
        .resize({ width: maxWidth, withoutEnlargement: true })
        .jpeg({ quality: 80, progressive: true })
        .toBuffer({ resolveWithObject: true });
      const path = `${id.slice(0, 2)}/${id}.jpg`;
      await mkdir(join(deps.mediaDir, id.slice(0, 2)), { recursive: true });
      await writeFile(join(deps.mediaDir, path), data);
      const media: Media = { id, contentType: 'image/jpeg', width: info.width, height: info.height, path, ...meta };
      await deps.media.upsert(media);
      return media;
    },
  };
}

export type MediaLibrary = ReturnType<typeof createMediaLibrary>;
