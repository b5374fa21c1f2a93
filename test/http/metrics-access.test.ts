import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { describe, it, type TestContext } from 'node:test';
import { startTestApp } from '../helpers/app.js';

const token = 'metrics-token-0123456789abcdef';

/** This host's first non-loopback IPv4 address: a request to it arrives from a non-local address. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

async function start(t: TestContext, env: Record<string, string> = {}) {
  const app = await startTestApp({ env, host: '0.0.0.0' });
  t.after(() => app.close());
  const port = new URL(app.base).port;
  /** GET /metrics from this host (loopback), or from the outside: over the external interface, else injected with a foreign address. */
  const metrics = async (from: 'loopback' | 'outside', headers: Record<string, string> = {}) => {
    if (from === 'loopback' || externalAddress !== undefined) {
      const host = from === 'loopback' ? '127.0.0.1' : externalAddress;
      const res = await fetch(`http://${host}:${port}/metrics`, { headers });
      return { status: res.status, headers: res.headers, body: await res.text() };
    }
    const res = await app.app.http.inject({ url: '/metrics', headers, remoteAddress: '203.0.113.9' });
    return { status: res.statusCode, headers: new Headers(res.headers as Record<string, string>), body: res.body };
  };
  return { metrics };
}

describe('/metrics access', () => {
  it('serves this host, and refuses another address with 403', async (t) => {
    const { metrics } = await start(t);
    const local = await metrics('loopback');
    assert.equal(local.status, 200);
    assert.match(local.body, /# TYPE /);
    const outside = await metrics('outside', { 'x-forwarded-for': '127.0.0.1' });
    assert.equal(outside.status, 403);
    assert.match(outside.body, /LEDE_HTTP_FORBIDDEN/);
    assert.doesNotMatch(outside.body, /# TYPE /);
  });

  it('behind a proxy, serves only a caller with the bearer token, even from loopback', async (t) => {
    const { metrics } = await start(t, { LEDE_TRUST_PROXY: '1', LEDE_METRICS_TOKEN: token });
    const bare = await metrics('loopback');
    assert.equal(bare.status, 401, 'every request looks local behind a proxy');
    assert.match(bare.body, /LEDE_HTTP_UNAUTHORIZED/);
    assert.equal((await metrics('loopback', { authorization: 'Bearer wrong-token-0123456789' })).status, 401);
    const withToken = await metrics('loopback', { authorization: `Bearer ${token}` });
    assert.equal(withToken.status, 200);
    assert.match(withToken.body, /# TYPE /);
    assert.equal((await metrics('outside', { authorization: `Bearer ${token}` })).status, 200);
  });

  it('behind a proxy without a token, serves nobody', async (t) => {
    const { metrics } = await start(t, { LEDE_TRUST_PROXY: '1' });
    const res = await metrics('loopback');
    assert.equal(res.status, 403);
    assert.match(res.body, /LEDE_METRICS_TOKEN is not set/);
  });

  it('opens to a remote scraper with the token when one is set', async (t) => {
    const { metrics } = await start(t, { LEDE_METRICS_TOKEN: token });
    assert.equal((await metrics('outside')).status, 401);
    assert.equal((await metrics('outside', { authorization: `Bearer ${token}` })).status, 200);
  });
});
