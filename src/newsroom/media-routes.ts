import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { isLedeError, LedeError } from '../core/errors.js';
import { type MediaUpload, type MediaUploadInput, uploadLimits } from './media-upload.js';

export interface MediaRouteDeps {
  upload: MediaUpload;
  /**
   * Who may upload: the newsroom's role check (writer, editor or admin). CSRF is checked by the
   * newsroom plugin's request hook before it, as for every state-changing request.
   */
  preHandler: preHandlerAsyncHookHandler | preHandlerAsyncHookHandler[];
}

const textFields = ['caption', 'credit', 'alt', 'source'] as const;

/** @fastify/multipart's limit errors as ours, each with its reason; anything else unchanged. */
function translateMultipartError(error: unknown): unknown {
  if (isLedeError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new LedeError('LEDE_MEDIA_TOO_LARGE', `the file is over the limit of ${uploadLimits.maxBytes} bytes (25 MB)`, {
      details: { field: 'file' },
      cause: error,
    });
  if (code === 'FST_FILES_LIMIT')
    return new LedeError('LEDE_MEDIA_FIELD', 'send one file per request', { details: { field: 'file' }, cause: error });
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new LedeError('LEDE_MEDIA_FIELD', `send one file and at most the fields ${textFields.join(', ')}`, { cause: error });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new LedeError('LEDE_MEDIA_UNSUPPORTED', 'send the picture as multipart/form-data (a "file" part and its fields)', {
      cause: error,
    });
  return error;
}

/** One file part (`file`) and the text fields, read within the limits; the file is never held past 25 MB. */
async function readUpload(request: FastifyRequest): Promise<MediaUploadInput> {
  if (!request.isMultipart()) {
    throw new LedeError(
      'LEDE_MEDIA_UNSUPPORTED',
      `the request is ${request.headers['content-type'] ?? 'without a content type'}; send the picture as multipart/form-data`,
    );
  }
  const input: Partial<MediaUploadInput> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        await part.toBuffer().catch(() => {});
        throw new LedeError('LEDE_MEDIA_FIELD', `the file part is named "${part.fieldname}"; name it "file"`, {
          details: { field: 'file' },
        });
      }
      input.filename = part.filename;
      input.bytes = await part.toBuffer();
    } else if ((textFields as readonly string[]).includes(part.fieldname)) {
      input[part.fieldname as (typeof textFields)[number]] = String(part.value);
    }
  }
  if (!input.bytes)
    throw new LedeError('LEDE_MEDIA_FIELD', 'no file was sent: add a "file" part with the picture', { details: { field: 'file' } });
  return input as MediaUploadInput;
}

/**
 * `POST media` (under `/newsroom/api/v1`): one picture as multipart/form-data with `alt`
 * (required), `caption`, `credit` and `source` → 201 `{"id","width","height","url","renditions":[…]}`.
 * Not a JPEG, PNG, WebP or AVIF picture → 415; over 25 MB or 50 megapixels → 413; each names the reason.
 *
 * Multipart parsing is @fastify/multipart (Fastify's own, busboy underneath), registered in a
 * scope of its own so that only this route parses multipart bodies.
 */
export async function registerMediaRoutes(app: FastifyInstance, deps: MediaRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: uploadLimits.maxBytes, files: 1, fields: textFields.length, fieldSize: 16 * 1024, parts: textFields.length + 1 },
    });
    scope.post('/media', { preHandler: deps.preHandler }, async (request, reply) => {
      let input: MediaUploadInput;
      try {
        input = await readUpload(request);
      } catch (error) {
        // The rest of the body may be unread (a file over the limit): the connection cannot carry another request.
        reply.header('connection', 'close');
        throw translateMultipartError(error);
      }
      const result = await deps.upload.upload(input);
      return reply.code(201).header('cache-control', 'no-store').send(result);
    });
  });
}
