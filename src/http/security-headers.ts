/**
 * The Content-Security-Policy of reader pages, fitted to what they load: the site's own
 * stylesheet, script and icons (`/assets/…`, no inline script or style: the JSON-LD block is
 * data, which CSP does not run), pictures from `/media/` and, in agency bodies, from
 * http(s) hosts (the sanitiser keeps `<img src>` of either scheme), embeds (`<iframe>`) from
 * the https hosts a source allows, the beacon and fragment requests back to the site, and the
 * search form. `frame-ancestors 'none'` keeps the site out of other sites' frames.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http:",
  'frame-src https:',
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every answer of every surface. */
export const baseSecurityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
} as const;

/**
 * Sent with every reader page (cached hits carry them in their prebuilt headers).
 * `X-Frame-Options` for browsers that predate `frame-ancestors`.
 */
export const pageSecurityHeaders = {
  ...baseSecurityHeaders,
  'content-security-policy': contentSecurityPolicy,
  'x-frame-options': 'DENY',
} as const;

/**
 * The newsroom client's policy: its own bundled script and stylesheet only (no inline script or
 * style: TipTap's injected CSS is off and shipped in the bundle), API calls to the same origin,
 * pictures from the site, agency hosts, and `blob:` for the preview of a picture being uploaded.
 */
export const newsroomContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http: blob: data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with the newsroom's HTML shell (and fit for its API answers). */
export const newsroomSecurityHeaders = {
  ...baseSecurityHeaders,
  'content-security-policy': newsroomContentSecurityPolicy,
  'x-frame-options': 'DENY',
} as const;
