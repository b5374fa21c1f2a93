import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loginRetryAfter } from './login-limit.js';

const now = new Date('2026-05-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const times = (count: number, minutes: number) => Array.from({ length: count }, () => minutesAgo(minutes));

describe('loginRetryAfter', () => {
  it('lets a login through below 5 failures for the account and 20 for the address', () => {
    assert.equal(loginRetryAfter({ byEmail: times(4, 1), byAddress: times(19, 1), now }), undefined);
  });

  it('refuses at 5 failures for the account until the 5th newest leaves the 15 minutes', () => {
    const byEmail = [minutesAgo(1), minutesAgo(2), minutesAgo(3), minutesAgo(4), minutesAgo(10), minutesAgo(14)];
    assert.equal(loginRetryAfter({ byEmail, byAddress: byEmail, now }), 5 * 60);
  });

  it('refuses at 20 failures for the address, whichever accounts they were for', () => {
    assert.equal(loginRetryAfter({ byEmail: [], byAddress: times(20, 5), now }), 10 * 60);
  });

  it('waits for the longer of the two limits', () => {
    assert.equal(loginRetryAfter({ byEmail: times(5, 14), byAddress: times(20, 2), now }), 13 * 60);
  });
});
