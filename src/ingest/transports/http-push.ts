import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { isLedeError, LedeError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import type { ParseWire } from '../parse-pool.js';
import { defaultMaxFileBytes, type IngestPipeline, type ItemResult } from '../pipeline.js';
import { isTokenValid } from '../sources/credentials.js';

export interface HttpPushOptions {
  store: Store;
  pipeline: IngestPipeline;
  clock: Clock;
  /** Largest request body, in bytes (413 above). */
  bodyLimit?: number;
  /**
   * Turns an error into its answer (status and `Retry-After` from the error catalogue). The
   * server passes the shared one of src/http: ingest may not import http (DESIGN.md's layers).
   */
  errorReply: (error: unknown, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
  /** The parser: the app's worker pool; this thread when absent. */
  parse?: ParseWire;
}

/** What `onRequest` learnt of a push before its body: a valid token, or a signature to check over the body. */
type PushAuth = { kind: 'token' } | { kind: 'signature'; expected: Buffer; secret: string };

/**
 * Reads a request body, never holding more than `limit` bytes: past it the read stops with
 * LEDE_INGEST_TOO_LARGE (the answer then closes the connection). A signature is computed over
 * the chunks as they arrive and checked at the end.
 */
function readBody(input: { payload: NodeJS.ReadableStream; limit: number; label: string; auth?: PushAuth }): Promise<Buffer> {
  const { payload, limit, label, auth } = input;
  const hmac = auth?.kind === 'signature' ? createHmac('sha256', auth.secret) : undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        payload.pause();
        reject(new LedeError('LEDE_INGEST_TOO_LARGE', `${label}: the body is larger than the limit of ${limit} bytes`));
        return;
      }
      hmac?.update(chunk);
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      if (auth?.kind === 'signature' && !timingSafeEqual(hmac!.digest(), auth.expected)) {
        reject(new LedeError('LEDE_INGEST_FORBIDDEN', `${label}: the signature does not match the body`));
        return;
      }
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}

/**
 * `POST /ingest/{source}`: an agency pushes a file in any supported format, authenticated per
 * source with `Authorization: Bearer TOKEN` or `X-Lede-Signature: sha256=HEX` (HMAC-SHA256 of
 * the raw body), and ingested as one batch: 202 with the items' ids, or 4xx with the precise
 * reason. Everything that can be refused from the headers (unknown source, no or wrong
 * credentials, a declared length over the limit) is refused before a byte of the body is
 * read; the body is then read up to the limit, the signature checked as it streams in, and
 * parsed in a worker thread (`parse`), so a big file never holds the site.
 */
export async function httpPushRoutes(app: FastifyInstance, opts: HttpPushOptions): Promise<void> {
  const bodyLimit = opts.bodyLimit ?? defaultMaxFileBytes;
  const authOf = new WeakMap<FastifyRequest, PushAuth>();
  const bodyRead = new WeakSet<FastifyRequest>();
  // Encapsulated in this plugin: every content type (JSON included) arrives as the bytes sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    const body = await readBody({ payload, limit: bodyLimit, label: `POST ${request.url}`, auth: authOf.get(request) });
    bodyRead.add(request);
    return body;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Refused before its body was read: close the connection rather than read the rest.
    if (!bodyRead.has(request)) reply.header('connection', 'close');
    // Fastify's own 413 does not name the limit; say which it is.
    const named = error.statusCode === 413 && !isLedeError(error);
    const tooLarge = `${request.url}: the body is larger than the limit of ${bodyLimit} bytes`;
    return opts.errorReply(named ? new LedeError('LEDE_INGEST_TOO_LARGE', tooLarge, { cause: error }) : error, request, reply);
  });

  app.addHook('onRequest', async (request: FastifyRequest<{ Params: { source?: string } }>, reply) => {
    const slug = request.params.source;
    if (request.method !== 'POST' || slug === undefined) return;
    const source = await opts.store.sources.findBySlug(slug);
    if (!source) throw new LedeError('LEDE_INGEST_SOURCE_UNKNOWN', `POST /ingest/${slug}: no source "${slug}" is configured`);
    const credentials = await opts.store.sources.pushCredentials(slug);
    if (!credentials.tokenHash && !credentials.hmacSecret) {
      throw new LedeError('LEDE_INGEST_FORBIDDEN', `POST /ingest/${slug}: source "${slug}" takes no push (no token or secret is set)`, {
        help: `lede sources set ${slug} --push-token TOKEN`,
      });
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    const signature = request.headers['x-lede-signature'];
    if (bearer === undefined && typeof signature !== 'string') {
      reply.header('www-authenticate', 'Bearer');
      throw new LedeError('LEDE_INGEST_UNAUTHORIZED', `POST /ingest/${slug}: no Authorization: Bearer token and no X-Lede-Signature`);
    }
    const expected = typeof signature === 'string' ? /^sha256=([0-9a-f]{64})$/i.exec(signature.trim())?.[1] : undefined;
    if (bearer !== undefined && credentials.tokenHash !== undefined && isTokenValid(bearer, credentials.tokenHash)) {
      authOf.set(request, { kind: 'token' });
    } else if (expected !== undefined && credentials.hmacSecret !== undefined) {
      authOf.set(request, { kind: 'signature', expected: Buffer.from(expected, 'hex'), secret: credentials.hmacSecret });
    } else {
      throw new LedeError(
        'LEDE_INGEST_FORBIDDEN',
        `POST /ingest/${slug}: the ${bearer !== undefined ? 'bearer token' : 'signature'} does not match source "${slug}"`,
      );
    }
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > bodyLimit) {
      throw new LedeError(
        'LEDE_INGEST_TOO_LARGE',
        `POST /ingest/${slug}: the body (${declared} bytes) is larger than the limit of ${bodyLimit} bytes`,
      );
    }
  });

  app.post<{ Params: { source: string } }>('/ingest/:source', async (request, reply) => {
    const slug = request.params.source;
    // onRequest has authenticated the request; a signature was checked as the body was read.
    if (!authOf.has(request)) throw new Error(`POST /ingest/${slug} reached its handler unauthenticated`);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (body.length === 0) throw new LedeError('LEDE_INGEST_PARSE', `POST /ingest/${slug}: the body is empty`);
    let results: ItemResult[];
    try {
      const filename = `POST /ingest/${slug}`;
      const items = await opts.pipeline.parseFile({ bytes: body, filename, source: slug }, { parse: opts.parse });
      results = await opts.pipeline.ingestItems(items, { source: slug, origin: 'wire' });
    } catch (error) {
      // A bad file counts against the source's health, like one in its watch folder.
      if (isLedeError(error) && error.code.startsWith('LEDE_INGEST_')) {
        await opts.store.sources.recordError(slug, { at: opts.clock.now().toISOString(), message: error.message });
      }
      throw error;
    }
    return reply
      .code(202)
      .header('cache-control', 'no-store')
      .send({ items: results.map((r) => ({ id: r.id, uri: r.uri, version: r.version ?? null, outcome: r.outcome })) });
  });
}
