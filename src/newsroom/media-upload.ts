import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { LedeError } from '../core/errors.js';
import type { Rendition } from '../core/renditions.js';
import type { Media } from '../core/story.js';
import { mediaPath } from '../core/urls.js';
import { mediaIdFor } from '../ingest/media.js';
import { type MediaRenditions, maxInputPixels } from '../store/media-renditions.js';
import type { MediaStorage } from '../store/media-storage.js';
import type { MediaRepo } from '../store/types.js';

/** DESIGN/issue 11: an upload over 25 MB or over 50 megapixels answers 413. */
export const uploadLimits = { maxBytes: 25 * 1024 * 1024, maxPixels: maxInputPixels } as const;

/** What an editor sends with a picture. */
export interface MediaUploadInput {
  bytes: Buffer;
  /** The file name as sent, for messages only. */
  filename?: string;
  caption?: string;
  credit?: string;
  /** Required: the text alternative readers of screen readers get. */
  alt?: string;
  source?: string;
}

export interface MediaUploadResult {
  id: string;
  width: number;
  height: number;
  /** `/media/{id}`: the picture at most 1600 px wide, as stories, feeds and channels use it. */
  url: string;
  alt: string;
  caption?: string;
  credit?: string;
  source?: string;
  renditions: Rendition[];
}

/** The formats taken, as sharp names them (AVIF is HEIF with AV1 inside), with the original's file extension. */
const accepted: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

const fieldLimits = { alt: 1000, caption: 2000, credit: 200, source: 200 } as const;

/** Which accepted format the bytes are in, by sharp's reading of them, or the reason they are refused. */
function formatOf(metadata: Metadata): { format: string } | { reason: string } {
  if (metadata.format === 'heif') {
    if (metadata.compression === 'av1') return { format: 'avif' };
    return { reason: `a HEIF picture compressed with ${metadata.compression ?? 'an unknown codec'} (HEIC)` };
  }
  if (accepted[metadata.format ?? ''] !== undefined) return { format: metadata.format! };
  return { reason: `a ${(metadata.format ?? 'unknown').toUpperCase()} picture` };
}

function checkedText(input: MediaUploadInput, field: keyof typeof fieldLimits): string | undefined {
  const value = input[field]?.trim();
  if (value === undefined || value === '') return undefined;
  if ([...value].length > fieldLimits[field]) {
    throw new LedeError('LEDE_MEDIA_FIELD', `${field} is longer than ${fieldLimits[field]} characters`, { details: { field } });
  }
  return value;
}

/**
 * The newsroom's picture upload: checks the file really is a JPEG, PNG, WebP or AVIF picture
 * (sharp reads its header, whatever its name or declared type says) within 25 MB and 50
 * megapixels, keeps the original apart (never served: it may carry EXIF and GPS), stores the
 * picture upright and without metadata at most 1600 px wide as `/media/{id}`, and makes its
 * renditions at once. The id is a hash of the bytes: the same file uploaded again is the same
 * picture, with the newer caption, credit, alt text and source.
 */
export function createMediaUpload(deps: { media: MediaRepo; storage: MediaStorage; renditions: MediaRenditions }) {
  return {
    async upload(input: MediaUploadInput): Promise<MediaUploadResult> {
      const name = input.filename ? `"${input.filename}"` : 'the file';
      const alt = checkedText(input, 'alt');
      if (alt === undefined) {
        throw new LedeError('LEDE_MEDIA_FIELD', 'alt is required: describe the picture for readers who cannot see it', {
          details: { field: 'alt' },
        });
      }
      const meta = {
        alt,
        caption: checkedText(input, 'caption'),
        credit: checkedText(input, 'credit'),
        source: checkedText(input, 'source'),
      };
      if (input.bytes.byteLength === 0) throw new LedeError('LEDE_MEDIA_FIELD', `${name} is empty`, { details: { field: 'file' } });
      if (input.bytes.byteLength > uploadLimits.maxBytes) {
        throw new LedeError(
          'LEDE_MEDIA_TOO_LARGE',
          `${name} is ${input.bytes.byteLength} bytes, over the limit of ${uploadLimits.maxBytes} bytes (25 MB)`,
          { details: { field: 'file' } },
        );
      }
      let metadata: Metadata;
      try {
        metadata = await sharp(input.bytes).metadata();
      } catch (error) {
        throw new LedeError(
          'LEDE_MEDIA_UNSUPPORTED',
          `${name} is not a picture: its bytes are in no image format (JPEG, PNG, WebP or AVIF)`,
          {
            details: { field: 'file' },
            cause: error,
          },
        );
      }
      const format = formatOf(metadata);
      if ('reason' in format) {
        throw new LedeError('LEDE_MEDIA_UNSUPPORTED', `${name} is ${format.reason}; only JPEG, PNG, WebP and AVIF are taken`, {
          details: { field: 'file' },
        });
      }
      const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
      if (pixels > uploadLimits.maxPixels) {
        throw new LedeError(
          'LEDE_MEDIA_TOO_LARGE',
          `${name} is ${metadata.width}×${metadata.height} pixels (${(pixels / 1e6).toFixed(1)} megapixels), over the limit of 50 megapixels`,
          { details: { field: 'file' } },
        );
      }

      const id = mediaIdFor(`upload:${createHash('sha256').update(input.bytes).digest('hex')}`);
      const shard = id.slice(0, 2);
      const originalPath = `originals/${shard}/${id}.${accepted[format.format]}`;
      let shown: { data: Buffer; info: OutputInfo };
      try {
        // Upright by its EXIF orientation, then written without any metadata (sharp keeps none unless asked).
        shown = await sharp(input.bytes, { limitInputPixels: uploadLimits.maxPixels })
          .rotate()
          .resize({ width: 1600, withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 82, progressive: true })
          .toBuffer({ resolveWithObject: true });
      } catch (error) {
        throw new LedeError(
          'LEDE_MEDIA_UNSUPPORTED',
          `${name} looks like ${format.format.toUpperCase()} but cannot be decoded (${(error as Error).message})`,
          {
            details: { field: 'file' },
            cause: error,
          },
        );
      }
      await deps.storage.put(originalPath, input.bytes);
      const path = `${shard}/${id}.jpg`;
      await deps.storage.put(path, shown.data);
      const media: Media = {
        id,
        contentType: 'image/jpeg',
        width: shown.info.width,
        height: shown.info.height,
        path,
        originalPath,
        ...meta,
      };
      await deps.media.upsert(media);
      const renditions = await deps.renditions.makeFrom(media, input.bytes);
      return { id, width: media.width, height: media.height, url: mediaPath(id), ...meta, renditions };
    },
  };
}

export type MediaUpload = ReturnType<typeof createMediaUpload>;
