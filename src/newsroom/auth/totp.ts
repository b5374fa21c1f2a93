import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 4648 base32, the alphabet authenticator apps read secrets in. */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new TOTP secret: 20 random bytes (160 bits, RFC 4226 §4's recommendation), base32. */
export const generateTotpSecret = () => base32Encode(randomBytes(20));

/** HOTP (RFC 4226 §5.3) with HMAC-SHA1, 6 digits: what every authenticator app computes. */
export function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** TOTP (RFC 6238): HOTP of the 30-second step of `at`. */
export const totpCode = (secret: string, at: Date) => hotp(base32Decode(secret), Math.floor(at.getTime() / 30_000));

/**
 * Whether `code` is the secret's code at `at`, or one step before or after (RFC 6238 §5.2:
 * a clock a little off, a code typed as the step turned).
 */
export function verifyTotp(secret: string, code: string, at: Date): boolean {
  const typed = Buffer.from(code.replace(/\s/g, ''));
  if (!/^\d{6}$/.test(typed.toString())) return false;
  const key = base32Decode(secret);
  const step = Math.floor(at.getTime() / 30_000);
  let isMatch = false;
  for (const drift of [-1, 0, 1]) {
    // Every step is compared, in constant time: the answer's timing tells nothing.
    if (timingSafeEqual(Buffer.from(hotp(key, step + drift)), typed)) isMatch = true;
  }
  return isMatch;
}

/** The `otpauth://` URI an authenticator app scans (as a QR code) to add the account. */
export function totpUri(input: { secret: string; account: string; issuer: string }): string {
  const label = encodeURIComponent(`${input.issuer}:${input.account}`);
  return `otpauth://totp/${label}?secret=${input.secret}&issuer=${encodeURIComponent(input.issuer)}&algorithm=SHA1&digits=6&period=30`;
}
