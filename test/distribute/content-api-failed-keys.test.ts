import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApiKey } from '../../src/distribute/content-api/api-keys.js';
import { startPullApp } from './pull-app.js';

describe('content API wrong keys', () => {
  it('answers 429 with Retry-After after 10 wrong keys from one address in a minute, to a right key too', async (t) => {
    const app = await startPullApp(t);
    const { key } = await createApiKey({ store: app.store, clock: app.clock }, 'partner');
    for (let i = 0; i < 10; i++) {
      app.clock.advance(1000);
      const res = await app.get('/api/v1/articles', { authorization: `Bearer lede_guess_${i}` });
      assert.equal(res.status, 401, `wrong key ${i + 1}`);
    }
    const blocked = await app.get('/api/v1/articles', { authorization: 'Bearer lede_guess_10' });
    assert.equal(blocked.status, 429);
    // The first failure (at +1 s) leaves the minute at +61 s; the clock is at +10 s.
    assert.equal(blocked.headers.get('retry-after'), '51');
    const { error } = (await blocked.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'LEDE_HTTP_RATE_LIMITED');
    assert.match(error.message, /wrong API keys/);
    const right = await app.get('/api/v1/articles', { 'x-api-key': key });
    assert.equal(right.status, 429, 'a right key must not tell a guesser it is right');
    assert.equal((await app.get('/api/v1/articles')).status, 200, 'requests without a key are not held back');

    app.clock.advance(51_000);
    assert.equal((await app.get('/api/v1/articles', { 'x-api-key': key })).status, 200, 'the oldest failure left the minute');
    assert.equal((await app.get('/api/v1/articles', { authorization: 'Bearer lede_guess_11' })).status, 401);
    assert.equal((await app.get('/api/v1/articles', { authorization: 'Bearer lede_guess_12' })).status, 429, 'still 10 in the last minute');
  });
});

describe('content API rate-limit count', () => {
  it('sends X-RateLimit-Remaining with cached answers too', async (t) => {
    const app = await startPullApp(t);
    const first = await app.get('/api/v1/articles');
    const second = await app.get('/api/v1/articles');
    assert.equal(second.status, 200);
    assert.equal(Number(first.headers.get('x-ratelimit-remaining')) - 1, Number(second.headers.get('x-ratelimit-remaining')));
    assert.equal(second.headers.get('x-content-type-options'), 'nosniff');
  });
});
