import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashToken, isSignatureValid, isTokenValid, signBody } from './credentials.js';

describe('push credentials', () => {
  it('verifies a bearer token against its stored hash only', () => {
    const stored = hashToken('tok-123');
    assert.notEqual(stored, 'tok-123');
    assert.equal(isTokenValid('tok-123', stored), true);
    assert.equal(isTokenValid('tok-124', stored), false);
    assert.equal(isTokenValid('', stored), false);
  });

  it('verifies an HMAC-SHA256 signature of the raw body', () => {
    const body = Buffer.from('{"uri":"x"}');
    const header = signBody(body, 'secret');
    assert.match(header, /^sha256=[0-9a-f]{64}$/);
    assert.equal(isSignatureValid(body, header, 'secret'), true);
    assert.equal(isSignatureValid(body, header.toUpperCase().replace('SHA256=', 'sha256='), 'secret'), true);
    assert.equal(isSignatureValid(Buffer.from('{"uri":"y"}'), header, 'secret'), false);
    assert.equal(isSignatureValid(body, header, 'other'), false);
    assert.equal(isSignatureValid(body, 'sha256=abc', 'secret'), false);
  });
});
