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

/**
 * What the first bytes say the file is. Only the four accepted signatures are handed to sharp,
 * so an SVG, PDF or TIFF from outside is never parsed at all; the others are named in the 415.
 */
export function sniffSignature(bytes: Buffer): { candidate: string } | { reason: string } {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { candidate: 'jpeg' };
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { candidate: 'png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { candidate: 'webp' };
  if (ascii(4, 8) === 'ftyp') {
    // ISO-BMFF: the major brand and the compatible brands of the first box say AVIF or HEIC.
    const brands = ascii(8, Math.min(bytes.length, bytes.readUInt32BE(0) || 32));
    if (/avi[fs]/.test(brands)) return { candidate: 'avif' };
    if (/hei[cx]|hev[cx]|heim|heis/.test(brands)) return { reason: 'a HEIC picture' };
    return { reason: 'an ISO media file (video or another HEIF) but not AVIF' };
  }
  const head = ascii(0, 512);
  const starts = (...prefixes: string[]) => prefixes.some((prefix) => head.startsWith(prefix));
  const known: Array<[boolean, string]> = [
    [starts('GIF87a', 'GIF89a'), 'a GIF picture'],
    [starts('II*\u0000', 'MM\u0000*'), 'a TIFF picture'],
    [starts('BM'), 'a BMP picture'],
    [starts('%PDF-'), 'a PDF document'],
    [/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head), 'an SVG drawing'],
    [starts('PK\u0003\u0004'), 'a ZIP archive'],
  ];
  const found = known.find(([isIt]) => isIt);
  return { reason: found ? found[1] : 'not a picture: its bytes are in no image format' };
}

/** The format sharp reads in bytes whose signature looked accepted (AVIF is HEIF with AV1 inside). */
function formatOf(metadata: Metadata): string | undefined {
  if (metadata.format === 'heif') return metadata.compression === 'av1' ? 'avif' : undefined;
  return accepted[metadata.format ?? ''] === undefined ? undefined : metadata.format;
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
      const sniffed = sniffSignature(input.bytes);
      if ('reason' in sniffed) {
        throw new LedeError('LEDE_MEDIA_UNSUPPORTED', `${name} is ${sniffed.reason}; only JPEG, PNG, WebP and AVIF are taken`, {
          details: { field: 'file' },
        });
      }
      let metadata: Metadata | undefined;
      try {
        metadata = await sharp(input.bytes).metadata();
      } catch (error) {
        throw new LedeError(
          'LEDE_MEDIA_UNSUPPORTED',
          `${name} starts like ${sniffed.candidate.toUpperCase()} but is not a picture sharp can read (${(error as Error).message.split('\n')[0]})`,
          {
            details: { field: 'file' },
            cause: error,
          },
        );
      }
      const format = formatOf(metadata);
      if (format !== sniffed.candidate) {
        throw new LedeError(
          'LEDE_MEDIA_UNSUPPORTED',
          `${name} starts like ${sniffed.candidate.toUpperCase()} but reads as ${metadata.format?.toUpperCase() ?? 'nothing'}${metadata.compression ? ` (${metadata.compression})` : ''}; only JPEG, PNG, WebP and AVIF are taken`,
          { details: { field: 'file' } },
        );
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
      const originalPath = `originals/${shard}/${id}.${accepted[format]}`;
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
          `${name} looks like ${format.toUpperCase()} but cannot be decoded (${(error as Error).message.split('\n')[0]})`,
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
