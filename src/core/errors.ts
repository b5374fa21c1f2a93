/**
 * Every expected failure in Lede is a LedeError with a code listed here once, with the HTTP
 * status it answers with and whether the same request may succeed when retried (as Fastify's
 * `createError(code, message, statusCode)` declares them). A retryable error answers with
 * `Retry-After`. `docs/errors.md` documents the same list; a test keeps the two in step.
 */
export interface ErrorSpec {
  /** The HTTP status of an answer carrying this error. */
  status: number;
  /** True when the same request may succeed later (the caller should retry after a while). */
  isRetryable: boolean;
  description: string;
}

const spec = (status: number, isRetryable: boolean, description: string): ErrorSpec => ({ status, isRetryable, description });

export const errorCodes = {
  LEDE_CONFIG_INVALID: spec(500, false, 'A configuration value is missing, unknown or malformed.'),
  LEDE_STORE_CONFLICT: spec(409, true, 'A row with the same unique key was written at the same moment; retry the request.'),
  LEDE_STORE_UNAVAILABLE: spec(503, true, 'The connection to the database was lost or refused.'),
  LEDE_STORE_BUSY: spec(503, true, 'Another writer held the database for longer than the write could wait; retry the request.'),
  LEDE_STORE_MIGRATION: spec(500, false, 'A database migration failed; the database was left at the last migration that succeeded.'),
  LEDE_LEASE_LOST: spec(409, false, 'A scheduled task found that another process took over its lease, so it wrote nothing.'),
  LEDE_STORY_REVISION_STALE: spec(412, false, 'The story changed since the revision the change was based on (optimistic locking).'),
  LEDE_INGEST_FORMAT_UNKNOWN: spec(400, false, 'The file is not in any supported wire format.'),
  LEDE_INGEST_PARSE: spec(400, false, 'The file is in a known format but could not be parsed.'),
  LEDE_INGEST_FIELD: spec(422, false, 'A required field is missing or has an invalid value.'),
  LEDE_INGEST_TOO_LARGE: spec(413, false, 'The file is larger than the configured limit.'),
  LEDE_INGEST_XML_ENTITY: spec(400, false, 'The XML declares entities (DTD), which are refused.'),
  LEDE_INGEST_ENCODING: spec(400, false, 'The bytes cannot be decoded in the declared encoding.'),
  LEDE_INGEST_UNAUTHORIZED: spec(401, false, 'A push request carries no credentials (bearer token or signature).'),
  LEDE_INGEST_FORBIDDEN: spec(403, false, 'A push request carries a wrong token or signature, or the source takes no push.'),
  LEDE_INGEST_SOURCE_UNKNOWN: spec(404, false, 'No source of that name is configured.'),
  LEDE_INGEST_FETCH: spec(502, true, 'A feed or picture could not be fetched: timeout, network error or an error answer.'),
  LEDE_SOURCE_INVALID: spec(400, false, 'A source setting (rule, time zone, transport, rights) is invalid.'),
  LEDE_MEDIA_UNSUPPORTED: spec(415, false, 'An uploaded file is not a JPEG, PNG, WebP or AVIF picture; the message says what it is.'),
  LEDE_MEDIA_TOO_LARGE: spec(
    413,
    false,
    'An uploaded picture is over 25 MB or over 50 megapixels; the message says which and by how much.',
  ),
  LEDE_MEDIA_FIELD: spec(400, false, 'A picture upload lacks its file or its alt text, or a field (caption, credit, source) is too long.'),
  LEDE_DEMO_CONFIG: spec(500, false, 'The demo configuration file is invalid.'),
  LEDE_SETTINGS_INVALID: spec(400, false, 'A setting is unknown, or its value does not match its schema in the settings catalogue.'),
  LEDE_EVAL_DATASET: spec(
    400,
    false,
    'An evaluation dataset file (MIND news.tsv, behaviors.tsv, Reuters-21578 reut2-NNN.sgm) is missing or has a malformed line.',
  ),
  LEDE_HTTP_BAD_REQUEST: spec(400, false, 'A request parameter, header or body is invalid.'),
  LEDE_HTTP_NOT_FOUND: spec(404, false, 'No page or resource at this address.'),
  LEDE_HTTP_METHOD_NOT_ALLOWED: spec(405, false, 'The address exists but does not answer this method; `Allow` lists those it does.'),
  LEDE_HTTP_UNAUTHORIZED: spec(401, false, 'The request needs a valid key or token (content API, metrics), and had none or a wrong one.'),
  LEDE_HTTP_FORBIDDEN: spec(403, false, 'The resource is not served to this caller (metrics from a non-local address).'),
  LEDE_HTTP_RATE_LIMITED: spec(429, true, 'Too many requests (or failed keys) from one API key or address; retry after the time given.'),
  LEDE_HTTP_INTERNAL: spec(500, false, 'An unexpected failure (a bug); it is logged with its stack, and its text is never shown.'),
  LEDE_AUTH_REQUIRED: spec(
    401,
    false,
    'The newsroom request needs a session cookie or an API token, and had none, or an expired or unknown one.',
  ),
  LEDE_AUTH_LOGIN_FAILED: spec(
    401,
    false,
    'The e-mail address and password, or the two-factor code, do not match an active newsroom account.',
  ),
  LEDE_AUTH_TOTP_REQUIRED: spec(
    401,
    false,
    'The account signs in with a two-factor code (TOTP), or must set one up first, and the request gave none.',
  ),
  LEDE_AUTH_CSRF: spec(
    403,
    false,
    'A state-changing newsroom request with the session cookie lacks the X-CSRF-Token header, or the token is wrong.',
  ),
  LEDE_AUTH_FORBIDDEN: spec(
    403,
    false,
    "The signed-in user's role may not do this (a writer publishing or editing another's story, a non-admin managing users).",
  ),
  LEDE_AUTH_RATE_LIMITED: spec(
    429,
    true,
    'Too many failed logins for one account (5) or from one address (20) in 15 minutes; retry after the time given.',
  ),
  LEDE_NEWSROOM_INVALID: spec(
    400,
    false,
    'A newsroom request body, parameter or header is invalid; the answer names the field and the reason.',
  ),
  LEDE_NEWSROOM_NOT_FOUND: spec(404, false, 'No story, revision, user or wire item with that id in the newsroom.'),
  LEDE_NEWSROOM_STATE: spec(
    409,
    false,
    "The story's state does not allow the action (publishing a killed story, submitting a published one).",
  ),
  LEDE_NEWSROOM_EXISTS: spec(409, false, 'A newsroom user with that e-mail address, or an API key with that name, already exists.'),
  LEDE_NEWSROOM_IN_USE: spec(
    409,
    false,
    'A section or author still used by stories cannot be deleted; the answer says how many stories use it.',
  ),
  LEDE_NEWSROOM_PRECONDITION_REQUIRED: spec(
    428,
    false,
    "A change of a story must send If-Match with the story's revision (its `version`), and this one sent none.",
  ),
  LEDE_CHANNEL_CONFIG: spec(400, false, 'A push channel (Telegram, webhook, CDN purge) is configured with a missing or invalid value.'),
  LEDE_CHANNEL_DELIVERY: spec(
    502,
    true,
    'A push channel could not deliver: timeout, network error, error answer or a body that is not what its API promises.',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorDetails {
  file?: string;
  field?: string;
  line?: number;
  source?: string;
  value?: unknown;
  [key: string]: unknown;
}

export class LedeError extends Error {
  readonly code: ErrorCode;
  /** From the catalogue: the HTTP status this error answers with. */
  readonly statusCode: number;
  /** From the catalogue: whether the caller may retry the same request later. */
  readonly isRetryable: boolean;
  /** When known (a rate limit's window), how long a retryable error asks the caller to wait. */
  readonly retryAfterSeconds?: number;
  readonly details: ErrorDetails;
  readonly help?: string;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetails; help?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LedeError';
    this.code = code;
    this.statusCode = errorCodes[code].status;
    this.isRetryable = errorCodes[code].isRetryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details ?? {};
    this.help = options.help;
  }
}

export function isLedeError(value: unknown, code?: ErrorCode): value is LedeError {
  return value instanceof LedeError && (code === undefined || value.code === code);
}
