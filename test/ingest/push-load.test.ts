import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { signBody } from '../../src/ingest/sources/credentials.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { probeLatencies, quantile, wireLikeBody } from '../helpers/push-probe.js';
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

/** A 19 MB ninjs story whose body the sanitiser keeps whole. */
function bigRealStory(): { bytes: Buffer; item: ReturnType<typeof wireItem> } {
  const item = wireItem({ bodies: [{ role: 'main', contenttype: 'text/html', value: wireLikeBody() }] });
  return { bytes: Buffer.from(JSON.stringify(item)), item };
}

/** Pushes `body` while `/healthz` is asked from another process: the push's answer and time, and every /healthz time meanwhile. */
async function pushWhileProbing(base: string, body: Buffer, token: string) {
  const prober = probeLatencies(base, ['/healthz']);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the prober is up and asking
  const started = performance.now();
  const response = await fetch(`${base}/ingest/bulk`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  const pushMs = performance.now() - started;
  const latencies = (await prober.stop()).sort((a, b) => a - b);
  const p99 = quantile(latencies, 0.99);
  const max = latencies.at(-1) ?? 0;
  const summary = `push ${pushMs.toFixed(0)} ms; ${latencies.length} /healthz answers, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms`;
  return { status: response.status, text, pushMs, latencies, max, summary };
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
    const push = await pushWhileProbing(app.base, body, token);
    assert.equal(push.status, 202, push.text);
    t.diagnostic(push.summary);
    // Measured against the push itself, so a loaded machine does not make it flaky: on the
    // main thread the parse held one /healthz for most of the push (7.9 s of 9.6 s).
    assert.ok(push.latencies.length >= 10, push.summary);
    assert.ok(push.max < push.pushMs / 4, push.summary);
  });

  it('stores a 19 MB story whose body survives sanitising while /healthz keeps answering', async (t) => {
    const { bytes, item } = bigRealStory();
    assert.ok(bytes.length > 18 * MiB && bytes.length < 20 * MiB);
    const push = await pushWhileProbing(app.base, bytes, token);
    assert.equal(push.status, 202, push.text);
    t.diagnostic(push.summary);
    const story = await app.store.stories.findById(storyIdFor('bulk', item.uri));
    assert.ok(story, 'the story is stored');
    assert.ok(story.bodyHtml.length > 18 * MiB, `a body of ${story.bodyHtml.length} characters`);
    assert.equal(story.bodyHtml.slice(0, 3), '<p>');
    assert.match(story.fingerprint ?? '', /^[0-9a-f]{16}$/);
    // Storing it still holds the main thread for one transaction (1.5 to 2 s on a busy 2-core
    // machine: SQLite writes the body in the story, its version and the outbox snapshot, and
    // indexes 16 MB of text), but no longer for the hashing, text extraction and fingerprinting
    // before it: the slowest /healthz waited 13 s before they went to the parse worker.
    // Measured against the push itself, as above, so that a loaded machine does not fail it.
    assert.ok(push.latencies.length >= 10, push.summary);
    assert.ok(push.max < push.pushMs / 2, push.summary);
  });

  it('answers 401/403/404 before it reads the body', async () => {
    // Larger than the socket buffers on loopback (Linux autotunes them to several MiB), so an
    // answer given before the body is read arrives long before the whole body could be sent.
    const body = Buffer.alloc(32 * MiB, 0x20);
    const cases: Array<[string, Record<string, string>, number]> = [
      ['bulk', {}, 401],
      ['bulk', { authorization: 'Bearer wrong-token' }, 403],
      ['nobody', { authorization: `Bearer ${token}` }, 404],
    ];
    for (const [source, headers, status] of cases) {
      const result = await rawPush(`${app.base}/ingest/${source}`, { 'content-type': 'application/json', ...headers }, body);
      assert.equal(result.status, status, result.text);
      assert.ok(result.sent < 16 * MiB, `${status}: ${result.sent} of ${body.length} bytes were taken before the answer`);
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
