import { LedeError } from '../../core/errors.js';
import { type Cursor, decodeCursor } from './cursor.js';

/** Every query parameter `GET /articles` accepts; anything else is a 400 naming it. */
export const listParameters = ['limit', 'cursor', 'section', 'source', 'since', 'uri'] as const;

export interface ListQueryInput {
  limit: number;
  cursor?: Cursor;
  section?: string;
  source?: string;
  /** ISO 8601 UTC. */
  since?: string;
  uri?: string;
}

export const defaultLimit = 20;
export const maxLimit = 100;

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const slug = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,99}$/u;

const bad = (parameter: string, reason: string) =>
  new LedeError('LEDE_HTTP_BAD_REQUEST', `${parameter}: ${reason}`, { details: { field: parameter } });

/** Validates the query of `GET /api/v1/articles`; throws a 400 LedeError naming the parameter. */
export function parseListQuery(query: Record<string, unknown>): ListQueryInput {
  for (const [name, value] of Object.entries(query)) {
    if (!(listParameters as readonly string[]).includes(name)) {
      throw bad(name, `unknown parameter (known: ${listParameters.join(', ')})`);
    }
    if (typeof value !== 'string') throw bad(name, 'must be given once');
  }
  const text = query as Record<string, string | undefined>;
  const result: ListQueryInput = { limit: defaultLimit };
  if (text.limit !== undefined) {
    const limit = /^\d{1,3}$/.test(text.limit) ? Number(text.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= maxLimit)) throw bad('limit', `must be an integer from 1 to ${maxLimit}`);
    result.limit = limit;
  }
  if (text.cursor !== undefined) {
    result.cursor = decodeCursor(text.cursor);
    if (!result.cursor) throw bad('cursor', 'is not a cursor this API gave out (use next_cursor as it is)');
  }
  for (const name of ['section', 'source'] as const) {
    const value = text[name];
    if (value === undefined) continue;
    if (!slug.test(value)) throw bad(name, 'must be a slug such as "world" (letters, digits, - and _)');
    result[name] = value;
  }
  if (text.since !== undefined) {
    const at = Date.parse(text.since);
    if (!rfc3339.test(text.since) || Number.isNaN(at)) throw bad('since', 'must be an RFC 3339 date-time such as 2026-01-10T12:00:00Z');
    result.since = new Date(at).toISOString();
  }
  if (text.uri !== undefined) {
    if (text.uri.length === 0 || text.uri.length > 2000) throw bad('uri', 'must be 1 to 2000 characters');
    result.uri = text.uri;
  }
  return result;
}
