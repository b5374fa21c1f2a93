/**
 * The list cursor: the (publishedAt, id) of the last item of a page, base64url-encoded so
 * that clients treat it as opaque. A keyset, not an offset: stories published while a
 * client walks the pages do not shift what the next page holds.
 */
export interface Cursor {
  publishedAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor | undefined {
  if (!/^[\w-]{1,400}$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [publishedAt, id] = value;
    if (typeof publishedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(publishedAt))) return undefined;
    return { publishedAt, id };
  } catch {
    return undefined;
  }
}
