import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, generateTotpSecret, hotp, totpCode, totpUri, verifyTotp } from './totp.js';

// RFC 6238 Appendix B: the SHA-1 secret is the ASCII of "12345678901234567890"; its 8-digit
// codes end in these 6 digits.
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));
const rfcVectors: Array<[number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP (RFC 6238)', () => {
  it('computes the RFC test vectors', () => {
    for (const [seconds, code] of rfcVectors) assert.equal(totpCode(rfcSecret, new Date(seconds * 1000)), code, `at ${seconds}`);
  });

  it('computes the HOTP test vectors of RFC 4226 Appendix D', () => {
    const key = Buffer.from('12345678901234567890');
    assert.deepEqual(
      [0, 1, 2, 9].map((counter) => hotp(key, counter)),
      ['755224', '287082', '359152', '520489'],
    );
  });

  it('accepts the code of this step and of one step either side, and nothing else', () => {
    const at = new Date(1_700_000_000_000);
    const secret = generateTotpSecret();
    assert.ok(verifyTotp(secret, totpCode(secret, at), at));
    assert.ok(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at));
    assert.ok(verifyTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at));
    assert.ok(!verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at));
    assert.ok(!verifyTotp(secret, '12345', at), 'five digits');
    assert.ok(!verifyTotp(secret, 'abcdef', at));
  });

  it('round-trips base32 and makes 160-bit secrets an app can scan', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 7, 9]);
    assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
    assert.equal(base32Decode(generateTotpSecret()).length, 20);
    assert.match(
      totpUri({ secret: 'ABC', account: 'ed@example.test', issuer: 'The Lede' }),
      /^otpauth:\/\/totp\/The%20Lede%3Aed%40example\.test\?secret=ABC&issuer=The%20Lede&/,
    );
  });
});
