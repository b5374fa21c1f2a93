import type { PageCacheEntry } from './response-cache.js';

/** The validators of a request, from its headers (a repeated header counts as one list). */
export function validatorsOf(headers: Record<string, string | string[] | undefined>): { ifNoneMatch?: string; ifModifiedSince?: string } {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return { ifNoneMatch: header('if-none-match'), ifModifiedSince: header('if-modified-since') };
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; only a 200 can be "not modified". */
export function isNotModified(
  headers: { ifNoneMatch?: string; ifModifiedSince?: string },
  entry: Pick<PageCacheEntry, 'status' | 'etag' | 'lastModified'>,
): boolean {
  if (entry.status !== 200) return false;
  if (headers.ifNoneMatch !== undefined) {
    return headers.ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === entry.etag;
    });
  }
  if (headers.ifModifiedSince === undefined) return false;
  const since = Date.parse(headers.ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(entry.lastModified) <= since;
}
