import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Push credentials of a source. A bearer token is only ever verified, so only its SHA-256 is
 * stored (tokens are long random strings, so a plain hash is enough). An HMAC secret must be
 * read to verify a signature, so it is stored as given.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Constant-time check of a presented bearer token against the stored hash. */
export function isTokenValid(presented: string, storedHash: string): boolean {
  return sameBytes(Buffer.from(hashToken(presented), 'hex'), Buffer.from(storedHash, 'hex'));
}

/** `sha256=HEX`: HMAC-SHA256 of the raw body with the source's secret. */
export function signBody(body: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check of an `X-Lede-Signature` header against the body. */
export function isSignatureValid(body: Buffer, header: string, secret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  return sameBytes(Buffer.from(match[1]!.toLowerCase(), 'hex'), createHmac('sha256', secret).update(body).digest());
}
