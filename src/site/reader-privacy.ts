/** Cookies the site script writes, only after the reader accepts the consent banner. */
export const consentCookie = 'lede_consent';
/** The random per-browser id that keys recommendation impressions (personal data). */
export const browserIdCookie = 'lede_b';

const browserIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Whether a request may feed a profile: the reader accepted the banner and sends neither
 * `DNT: 1` nor `Sec-GPC: 1`. Such readers are still counted, never profiled.
 */
export function profilingOf(headers: Record<string, string | string[] | undefined>): { isProfiled: boolean; browserId?: string } {
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : undefined;
  const optedOut = headers.dnt === '1' || headers['sec-gpc'] === '1';
  if (optedOut || cookieValue(cookie, consentCookie) !== 'yes') return { isProfiled: false };
  const id = cookieValue(cookie, browserIdCookie);
  return { isProfiled: true, browserId: id && browserIdPattern.test(id) ? id : undefined };
}
