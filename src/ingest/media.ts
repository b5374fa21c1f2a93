import { createHash } from 'node:crypto';
import type { OutputInfo } from 'sharp';
import { LedeError } from '../core/errors.js';
import type { Media } from '../core/story.js';
import type { MediaRenditions } from '../store/media-renditions.js';
import { createLocalMediaStorage } from '../store/media-storage.js';
import type { MediaRepo } from '../store/types.js';
import { type ResolveHost, safeFetch } from './safe-fetch.js';

export interface PictureInput {
  href: string;
  uri?: string;
  byline?: string;
  credit?: string;
  caption?: string;
  /** The source's `allowPrivateFetch` rule: may the href lead to a private or loopback address. */
  allowPrivateFetch?: boolean;
}

/** Produces the bytes for an href scheme we resolve ourselves (e.g. generated demo pictures). */
export type PictureGenerator = (href: string) => Promise<Buffer>;

const maxWidth = 1600;
export const defaultPictureMaxBytes = 25 * 1024 * 1024;
export const defaultPictureTimeoutMs = 15_000;

/** Our id of a picture: stable for its agency uri (else its href), so a kill can find it. */
export function mediaIdFor(uriOrHref: string): string {
  return createHash('sha256').update(uriOrHref).digest('base64url').slice(0, 16);
}

/** Reads a response body, refusing more than `maxBytes` even when Content-Length lies or is absent. */
async function readCapped(response: Response, input: { href: string; maxBytes: number }): Promise<Buffer> {
  const tooLarge = () =>
    new LedeError('LEDE_INGEST_TOO_LARGE', `picture ${input.href} is larger than ${input.maxBytes} bytes`, {
      details: { field: 'renditions.href', value: input.href },
    });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > input.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > input.maxBytes) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Agency pictures are stored locally, never hotlinked: rendition URLs are often signed and
 * expire. Each picture is fetched once (with a timeout and a size limit), re-encoded (at most
 * 1600 px wide) and kept with its credit, and its responsive renditions are made then, once
 * (when `renditions` is given; else the site makes them at the first request or the start-up
 * backfill). A picture the agency killed is never used again.
 */
export function createMediaLibrary(deps: {
  media: MediaRepo;
  mediaDir: string;
  renditions?: MediaRenditions;
  generators?: Record<string, PictureGenerator>;
  fetchTimeoutMs?: number;
  maxBytes?: number;
  /** DNS for picture hosts (tests stand in for it); the system's when absent. */
  resolve?: ResolveHost;
}) {
  const maxBytes = deps.maxBytes ?? defaultPictureMaxBytes;
  const timeoutMs = deps.fetchTimeoutMs ?? defaultPictureTimeoutMs;
  const storage = createLocalMediaStorage({ dir: deps.mediaDir });

  const load = async (href: string, allowPrivate: boolean): Promise<Buffer> => {
    const scheme = href.slice(0, href.indexOf(':'));
    const generator = deps.generators?.[scheme];
    if (generator) return generator(href);
    if (scheme !== 'http' && scheme !== 'https') {
      throw new LedeError('LEDE_INGEST_FIELD', `picture href "${href}" has an unsupported scheme`, {
        details: { field: 'renditions.href' },
      });
    }
    // One signal for the whole exchange: a server that sends headers and then stalls times out too.
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await safeFetch(href, { label: 'picture', signal, allowPrivate, resolve: deps.resolve });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new LedeError('LEDE_INGEST_FETCH', `picture ${href} answered ${response.status}`, { details: { field: 'renditions.href' } });
      }
      return await readCapped(response, { href, maxBytes });
    } catch (error) {
      if (error instanceof LedeError) throw error;
      const reason = signal.aborted ? `did not arrive within ${timeoutMs} ms` : `could not be fetched (${(error as Error).message})`;
      throw new LedeError('LEDE_INGEST_FETCH', `picture ${href} ${reason}`, { details: { field: 'renditions.href' }, cause: error });
    }
  };

  return {
    async importPicture(input: PictureInput): Promise<Media> {
      const id = mediaIdFor(input.uri ?? input.href);
      const existing = await deps.media.findById(id);
      const meta = { byline: input.byline, credit: input.credit, caption: input.caption, uri: input.uri };
      if (existing?.killedAt) return existing;
      if (existing) {
        const updated = { ...existing, ...meta };
        await deps.media.upsert(updated);
        return updated;
      }
      const original = await load(input.href, input.allowPrivateFetch === true);
      // sharp (libvips) is loaded at the first picture: a wire run of text only never needs it.
      const { default: sharp } = await import('sharp');
      let encoded: { data: Buffer; info: OutputInfo };
      try {
        encoded = await sharp(original)
          .rotate()
          .resize({ width: maxWidth, withoutEnlargement: true })
          .jpeg({ quality: 80, progressive: true })
          .toBuffer({ resolveWithObject: true });
      } catch (error) {
        throw new LedeError('LEDE_INGEST_FIELD', `picture ${input.href} is not an image we can read (${(error as Error).message})`, {
          details: { field: 'renditions.href' },
          cause: error,
        });
      }
      const path = `${id.slice(0, 2)}/${id}.jpg`;
      await storage.put(path, encoded.data);
      const media: Media = { id, contentType: 'image/jpeg', width: encoded.info.width, height: encoded.info.height, path, ...meta };
      await deps.media.upsert(media);
      await deps.renditions?.makeFrom(media, encoded.data);
      return media;
    },
  };
}

export type MediaLibrary = ReturnType<typeof createMediaLibrary>;
