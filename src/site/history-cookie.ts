/** The reader's history cookie: recent story ids, newest first, written by site.js. */
export const historyCookie = 'lede_h';
export const historyLimit = 50;

const idPattern = /^[A-Za-z0-9._:~-]{1,128}$/;

/** Story ids from a `Cookie` header; tolerant of encoding and garbage, never throws. */
export function readHistory(cookieHeader: string | undefined): string[] {
  if (!cookieHeader) return [];
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== historyCookie) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      return [];
    }
    const ids = value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => idPattern.test(id));
    return [...new Set(ids)].slice(0, historyLimit);
  }
  return [];
}
