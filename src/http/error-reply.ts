import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, errorCodes, isLedeError } from '../core/errors.js';
import { baseSecurityHeaders } from './security-headers.js';

/** How a caller reads an error: the site's styled page, the API's JSON, an XML body or plain text. */
export type ErrorFormat = 'html' | 'json' | 'xml' | 'text';

/** What the caller of a failed request may see. */
export interface PublicError {
  status: number;
  code: ErrorCode;
  /** The error's own message for a 4xx (it names the request or field and the reason); a fixed sentence for a 5xx. */
  message: string;
  field?: string;
  /** Set for retryable errors: the `Retry-After` seconds. */
  retryAfterSeconds?: number;
}

/** Used when a retryable error does not say how long to wait (a busy or unreachable store, a lost race). */
export const defaultRetryAfterSeconds = 2;

/** Codes for Fastify's own 4xx errors (a body too large, a bad content type, a malformed URL…), by status. */
const codeByStatus: Partial<Record<number, ErrorCode>> = {
  401: 'LEDE_HTTP_UNAUTHORIZED',
  403: 'LEDE_HTTP_FORBIDDEN',
  404: 'LEDE_HTTP_NOT_FOUND',
  405: 'LEDE_HTTP_METHOD_NOT_ALLOWED',
  429: 'LEDE_HTTP_RATE_LIMITED',
};

const serverErrorMessage = (status: number) =>
  status === 503 ? 'the service cannot answer right now; retry later' : 'internal error; it was logged, try again later';

/**
 * Any thrown value as what its caller may see. A LedeError answers with its catalogue status;
 * Fastify's own 4xx keep theirs; anything else is a bug: 500 LEDE_HTTP_INTERNAL. The text of a
 * 5xx is never shown (it may hold SQL, paths or a driver's words).
 */
export function publicErrorOf(error: unknown): PublicError {
  if (isLedeError(error)) {
    const field = error.details.field;
    return {
      status: error.statusCode,
      code: error.code,
      message: error.statusCode >= 500 ? serverErrorMessage(error.statusCode) : error.message,
      ...(typeof field === 'string' ? { field } : {}),
      ...(error.isRetryable ? { retryAfterSeconds: error.retryAfterSeconds ?? defaultRetryAfterSeconds } : {}),
    };
  }
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = codeByStatus[status] ?? 'LEDE_HTTP_BAD_REQUEST';
    return { status, code, message: (error as Error).message, ...(errorCodes[code].isRetryable ? { retryAfterSeconds: 60 } : {}) };
  }
  return { status: 500, code: 'LEDE_HTTP_INTERNAL', message: serverErrorMessage(500) };
}

/**
 * The format a caller asked for (`Accept`), else the surface's own: a browser asks for HTML,
 * an API client for JSON, a feed reader for XML.
 */
export function negotiateErrorFormat(request: FastifyRequest, fallback: ErrorFormat): ErrorFormat {
  const accept = (request.headers.accept ?? '').toLowerCase();
  if (accept === '' || accept.startsWith('*/*')) return fallback;
  if (accept.includes('text/html')) return 'html';
  if (/application\/([\w.+-]+\+)?json/.test(accept)) return 'json';
  if (/(application|text)\/([\w.+-]+\+)?xml/.test(accept)) return 'xml';
  if (accept.includes('text/plain')) return 'text';
  return fallback;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** `{"error":{"code","message","field"?}}`, as DESIGN.md's admin API and the content API answer. */
export const jsonErrorBody = (error: PublicError) => ({
  error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
});

function bodyOf(error: PublicError, format: Exclude<ErrorFormat, 'html'>): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(jsonErrorBody(error)) };
  if (format === 'xml') {
    const field = error.field ? `<field>${escapeXml(error.field)}</field>` : '';
    return {
      type: 'application/xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<error><code>${error.code}</code><message>${escapeXml(error.message)}</message>${field}</error>\n`,
    };
  }
  return { type: 'text/plain; charset=utf-8', body: `${error.code}: ${error.message}\n` };
}

export interface ErrorReplyOptions {
  /** The surface's own format when the caller does not ask for one (JSON for APIs, XML for feeds). */
  format: ErrorFormat | ((request: FastifyRequest) => ErrorFormat);
  /** Named in the log line of a 5xx: `site`, `content API`, `push ingest`… */
  surface: string;
  /** The HTML body for a caller that wants a page (the site's styled error pages); without it, HTML callers get text. */
  renderHtml?: (error: PublicError, request: FastifyRequest) => Promise<string> | string;
  /** Headers every error answer of the surface carries (the site's security headers). */
  headers?: Readonly<Record<string, string>>;
}

export type ErrorReply = (error: unknown, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * The one way an error becomes an HTTP answer, for every surface: the catalogue's status,
 * `Retry-After` when retryable, never cached, a body in the caller's format. 4xx are logged at
 * info with their code, 5xx at error with the stack. Use as a Fastify error handler:
 * `app.setErrorHandler(createErrorReply({ format: 'json', surface: 'content API' }))`.
 */
export function createErrorReply(options: ErrorReplyOptions): ErrorReply {
  return async (error, request, reply) => {
    const answer = publicErrorOf(error);
    if (answer.status >= 500) {
      request.log.error({ err: error, code: answer.code, url: request.url }, `${options.surface}: ${request.method} ${request.url} failed`);
    } else {
      request.log.info({ code: answer.code, status: answer.status, url: request.url }, (error as Error).message);
    }
    reply
      .code(answer.status)
      .headers({ ...baseSecurityHeaders, ...options.headers })
      .header('cache-control', 'no-store');
    if (answer.retryAfterSeconds !== undefined && !reply.hasHeader('retry-after')) {
      reply.header('retry-after', String(answer.retryAfterSeconds));
    }
    let format = negotiateErrorFormat(request, typeof options.format === 'function' ? options.format(request) : options.format);
    if (format === 'html' && options.renderHtml) {
      try {
        return reply.type('text/html; charset=utf-8').send(await options.renderHtml(answer, request));
      } catch (renderError) {
        request.log.error({ err: renderError, url: request.url }, `${options.surface}: the error page failed`);
      }
    }
    if (format === 'html') format = 'text';
    const { type, body } = bodyOf(answer, format);
    return reply.type(type).send(request.method === 'HEAD' ? undefined : body);
  };
}
