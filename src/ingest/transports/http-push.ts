import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { isLedeError, LedeError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { defaultMaxFileBytes, type IngestPipeline } from '../pipeline.js';
import { isSignatureValid, isTokenValid } from '../sources/credentials.js';

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
}

/**
 * `POST /ingest/{source}`: an agency pushes a file in any supported format. The body is read
 * as raw bytes (the signature covers exactly those), authenticated per source with
 * `Authorization: Bearer TOKEN` or `X-Lede-Signature: sha256=HEX` (HMAC-SHA256 of the body),
 * and ingested as one batch: 202 with the items' ids, or 4xx with the precise reason.
 */
export async function httpPushRoutes(app: FastifyInstance, opts: HttpPushOptions): Promise<void> {
  const bodyLimit = opts.bodyLimit ?? defaultMaxFileBytes;
  // Encapsulated in this plugin: every content type (JSON included) arrives as the bytes sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Fastify's own 413 does not name the limit; say which it is.
    const named = error.statusCode === 413 && !isLedeError(error);
    const tooLarge = `${request.url}: the body is larger than the limit of ${bodyLimit} bytes`;
    return opts.errorReply(named ? new LedeError('LEDE_INGEST_TOO_LARGE', tooLarge, { cause: error }) : error, request, reply);
  });

  app.post<{ Params: { source: string } }>('/ingest/:source', { bodyLimit }, async (request, reply) => {
    const slug = request.params.source;
    const source = await opts.store.sources.findBySlug(slug);
    if (!source) throw new LedeError('LEDE_INGEST_SOURCE_UNKNOWN', `POST /ingest/${slug}: no source "${slug}" is configured`);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
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
    const isTokenOk = bearer !== undefined && credentials.tokenHash !== undefined && isTokenValid(bearer, credentials.tokenHash);
    const isSignatureOk =
      typeof signature === 'string' && credentials.hmacSecret !== undefined && isSignatureValid(body, signature, credentials.hmacSecret);
    if (!isTokenOk && !isSignatureOk) {
      throw new LedeError(
        'LEDE_INGEST_FORBIDDEN',
        `POST /ingest/${slug}: the ${bearer !== undefined ? 'bearer token' : 'signature'} does not match source "${slug}"`,
      );
    }
    if (body.length === 0) throw new LedeError('LEDE_INGEST_PARSE', `POST /ingest/${slug}: the body is empty`);
    let results: Awaited<ReturnType<IngestPipeline['ingestFile']>>;
    try {
      results = await opts.pipeline.ingestFile({ bytes: body, filename: `POST /ingest/${slug}`, source: slug, origin: 'wire' });
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
