import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { signBody } from '../../src/ingest/sources/credentials.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp } from './e2e-helpers.js';

const MiB = 1024 * 1024;

/**
 * A 19 MB ninjs story (under the 20 MB limit) whose body is mostly markup the sanitiser drops:
 * seconds of parsing (the part under test), then a small story to store.
 */
function bigStory(): Buffer {
  const junk = "<div class='ad-slot'><span data-track='1'><font color='red'>&nbsp;</font></span></div>";
  const body = `<p>Dock workers went back to work on Sunday.</p>${junk.repeat(Math.floor((19 * MiB - 4096) / junk.length))}`;
  return Buffer.from(JSON.stringify(wireItem({ bodies: [{ role: 'main', contenttype: 'text/html', value: body }] })));
}

/**
 * Sends a POST whose body the test controls: `sent()` tells how many body bytes the server
 * took before it answered (the socket's writes are counted as they are flushed).
 */
function rawPush(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  options: { isChunked?: boolean } = {},
): Promise<{ status: number; text: string; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    let status = 0;
    let text = '';
    const length = options.isChunked ? {} : { 'content-length': String(body.length) };
    const req = request(url, { method: 'POST', headers: { ...length, ...headers } }, (response) => {
      status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status, text, sent }));
    });
    // A server that answers early closes the connection: the answer counts, the reset does not.
    req.on('error', (error) => setTimeout(() => resolve({ status, text: text || String(error), sent }), 50));
    // 64 KiB at a time, each write waiting for the previous one to drain.
    const write = (at: number) => {
      if (at >= body.length) return req.end();
      const chunk = body.subarray(at, at + 64 * 1024);
      sent = at;
      if (req.write(chunk)) setImmediate(() => write(at + chunk.length));
      else req.once('drain', () => write(at + chunk.length));
    };
    write(0);
  });
}

describe('push under load: a 19 MB file', () => {
  let app: IngestTestApp;
  const token = 'load-token-51';
  const secret = 'load-secret-51';
  before(async () => {
    app = await startIngestApp();
    await applySourceSettings(app.store.sources, 'bulk', { name: 'Bulk', pushToken: token, pushHmacSecret: secret });
  });
  after(() => app.stop());

  it('is parsed off the main thread: /healthz keeps answering while it is parsed', async (t) => {
    const body = bigStory();
    assert.ok(body.length > 18 * MiB && body.length < 20 * MiB);
    let isPushing = true;
    const pushStarted = performance.now();
    const push = fetch(`${app.base}/ingest/bulk`, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    }).finally(() => {
      isPushing = false;
    });
    const latencies: number[] = [];
    while (isPushing) {
      const started = performance.now();
      const health = await fetch(`${app.base}/healthz`);
      assert.equal(health.status, 200);
      await health.arrayBuffer();
      if (isPushing) latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await push;
    const pushMs = performance.now() - pushStarted;
    assert.equal(response.status, 202, await response.text());
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    const max = latencies.at(-1) ?? 0;
    t.diagnostic(
      `push ${pushMs.toFixed(0)} ms; ${latencies.length} /healthz answers meanwhile, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms`,
    );
    // Measured against the push itself, so a loaded machine does not make it flaky: on the
    // main thread the parse held one /healthz for most of the push (7.9 s of 9.6 s).
    assert.ok(latencies.length >= 10, `only ${latencies.length} /healthz answers while the push was under way`);
    assert.ok(max < pushMs / 4, `a /healthz waited ${max.toFixed(0)} ms of the push's ${pushMs.toFixed(0)} ms`);
  });

  it('answers 401/403/404 before it reads the body', async () => {
    const body = Buffer.alloc(8 * MiB, 0x20);
    const cases: Array<[string, Record<string, string>, number]> = [
      ['bulk', {}, 401],
      ['bulk', { authorization: 'Bearer wrong-token' }, 403],
      ['nobody', { authorization: `Bearer ${token}` }, 404],
    ];
    for (const [source, headers, status] of cases) {
      const result = await rawPush(`${app.base}/ingest/${source}`, { 'content-type': 'application/json', ...headers }, body);
      assert.equal(result.status, status, result.text);
      assert.ok(result.sent < 4 * MiB, `${status}: ${result.sent} bytes were taken before the answer`);
    }
  });

  it('checks an HMAC signature over the streamed body, and cuts a body over the limit with 413', async () => {
    const small = Buffer.from(JSON.stringify(wireItem()));
    const bad = await rawPush(
      `${app.base}/ingest/bulk`,
      { 'content-type': 'application/json', 'x-lede-signature': signBody(small, 'not-the-secret') },
      small,
    );
    assert.equal(bad.status, 403);
    const good = await rawPush(
      `${app.base}/ingest/bulk`,
      { 'content-type': 'application/json', 'x-lede-signature': signBody(small, secret) },
      small,
    );
    assert.equal(good.status, 202, good.text);

    // Without a Content-Length (chunked), the limit holds while the body streams in.
    const huge = Buffer.alloc(40 * MiB, 0x20);
    const headers = { 'content-type': 'application/json', 'x-lede-signature': signBody(huge, secret) };
    for (const isChunked of [false, true]) {
      const cut = await rawPush(`${app.base}/ingest/bulk`, headers, huge, { isChunked });
      assert.equal(cut.status, 413, cut.text);
      assert.match(cut.text, /LEDE_INGEST_TOO_LARGE/);
      assert.ok(cut.sent < 30 * MiB, `${cut.sent} bytes were taken`);
    }
  });
});
