/**
 * Every expected failure in Lede is a LedeError with a code listed here once.
 * `docs/errors.md` documents the same list; a test keeps the two in step.
 */
export const errorCodes = {
  LEDE_CONFIG_INVALID: 'A configuration value is missing, unknown or malformed.',
  LEDE_STORE_CONFLICT: 'A row with the same unique key already exists.',
  LEDE_STORE_NOT_FOUND: 'The requested row does not exist.',
  LEDE_STORE_UNAVAILABLE: 'The database could not be reached or opened.',
  LEDE_STORE_BUSY: 'Another writer held the database for longer than the write could wait; retry the request.',
  LEDE_STORE_MIGRATION: 'A database migration failed; the database was left at the last migration that succeeded.',
  LEDE_STORY_REVISION_STALE: 'The story changed since the revision the change was based on (optimistic locking).',
  LEDE_INGEST_FORMAT_UNKNOWN: 'The file is not in any supported wire format.',
  LEDE_INGEST_PARSE: 'The file is in a known format but could not be parsed.',
  LEDE_INGEST_FIELD: 'A required field is missing or has an invalid value.',
  LEDE_INGEST_TOO_LARGE: 'The file is larger than the configured limit.',
  LEDE_INGEST_XML_ENTITY: 'The XML declares entities (DTD), which are refused.',
  LEDE_INGEST_ENCODING: 'The bytes cannot be decoded in the declared encoding.',
  LEDE_INGEST_UNAUTHORIZED: 'A push request carries no credentials (bearer token or signature).',
  LEDE_INGEST_FORBIDDEN: 'A push request carries a wrong token or signature, or the source takes no push.',
  LEDE_INGEST_SOURCE_UNKNOWN: 'No source of that name is configured.',
  LEDE_INGEST_FETCH: 'A feed or picture could not be fetched: timeout, network error or an error answer.',
  LEDE_SOURCE_INVALID: 'A source setting (rule, time zone, transport, rights) is invalid.',
  LEDE_DEMO_CONFIG: 'The demo configuration file is invalid.',
  LEDE_SETTINGS_INVALID: 'A setting is unknown, or its value does not match its schema in the settings catalogue.',
  LEDE_HTTP_BAD_REQUEST: 'A request parameter is invalid.',
  LEDE_HTTP_NOT_FOUND: 'No page or resource at this address.',
  LEDE_HTTP_GONE: 'The story was withdrawn.',
  LEDE_CHANNEL_CONFIG: 'A push channel (Telegram, webhook, CDN purge) is configured with a missing or invalid value.',
  LEDE_CHANNEL_DELIVERY:
    'A push channel could not deliver: timeout, network error, error answer or a body that is not what its API promises.',
  LEDE_HTTP_UNAUTHORIZED: 'The content API needs a valid key, and the request had none or an unknown one.',
  LEDE_HTTP_RATE_LIMITED: 'Too many requests from one API key or address; retry after the time given.',
} as const;

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
  readonly statusCode?: number;
  readonly details: ErrorDetails;
  readonly help?: string;

  constructor(
    code: ErrorCode,
    message: string,
    options: { statusCode?: number; details?: ErrorDetails; help?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LedeError';
    this.code = code;
    this.statusCode = options.statusCode;
    this.details = options.details ?? {};
    this.help = options.help;
  }
}

export function isLedeError(value: unknown, code?: ErrorCode): value is LedeError {
  return value instanceof LedeError && (code === undefined || value.code === code);
}
