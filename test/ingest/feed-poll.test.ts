import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Ninjs } from '../../src/core/ninjs.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { createFeedPoller, nextDelayMs } from '../../src/ingest/transports/feed-poll.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestRig } from './ingest-rig.js';

/** A local HTTP server standing in for an agency feed: answers from `respond`, records each request's headers. */
async function startFeedServer(
  t: { after(fn: () => Promise<void>): unknown },
  respond: (headers: IncomingHttpHeaders) => { status: number; body?: string; headers?: Record<string, string> } | 'hang',
) {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    requests.push(request.headers);
    const answer = respond(request.headers);
    if (answer === 'hang') return;
    response.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`, requests };
}

describe('feed poll', () => {
  it('polls at the interval with ETag and If-Modified-Since, and never stores an item twice', async (t) => {
    const rig = await startIngestRig(t);
    let items: Ninjs[] = [wireItem(), wireItem()];
    const feed = await startFeedServer(t, (headers) =>
      headers['if-none-match'] === `"v${items.length}"`
        ? { status: 304 }
        : {
            status: 200,
            body: JSON.stringify(items),
            headers: { etag: `"v${items.length}"`, 'last-modified': 'Mon, 02 Mar 2026 09:00:00 GMT' },
          },
    );
    await applySourceSettings(rig.store.sources, 'partner', { feedUrl: feed.url, feedIntervalSeconds: '60', allowPrivateFetch: true });
    const poller = createFeedPoller({ store: rig.store, pipeline: rig.pipeline, clock: rig.clock });

    assert.deepEqual(await poller.pollDue(), ['partner']);
    const [first] = await poller.settle();
    assert.equal(first?.status, 'ingested');
    assert.equal(await rig.store.stories.count(), 2);
    assert.deepEqual(await poller.pollDue(), [], 'not due before its interval');

    rig.clock.advance(60_000);
    await poller.pollDue();
    assert.equal((await poller.settle())[0]?.status, 'not-modified');
    assert.equal(feed.requests[1]?.['if-none-match'], '"v2"');
    assert.equal(feed.requests[1]?.['if-modified-since'], 'Mon, 02 Mar 2026 09:00:00 GMT');

    // The feed grows by one: the two known items are served again and ignored.
    items = [wireItem(), ...items];
    rig.clock.advance(60_000);
    await poller.pollDue();
    const [third] = await poller.settle();
    assert.deepEqual(
      third?.items?.map((r) => r.outcome),
      ['publish', 'ignored', 'ignored'],
    );
    assert.equal(await rig.store.stories.count(), 3);
  });

  it('backs off exponentially on errors, up to a cap, and records them for the source health', async (t) => {
    const rig = await startIngestRig(t);
    let status = 500;
    const feed = await startFeedServer(t, () => ({ status, body: status === 200 ? JSON.stringify([wireItem()]) : 'oops' }));
    await applySourceSettings(rig.store.sources, 'partner', { feedUrl: feed.url, feedIntervalSeconds: '60', allowPrivateFetch: true });
    const poller = createFeedPoller({ store: rig.store, pipeline: rig.pipeline, clock: rig.clock, maxBackoffMs: 300_000 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await poller.pollDue();
      const [result] = await poller.settle();
      assert.equal(result?.status, 'error');
      assert.match(result?.error ?? '', /answered 500/);
      const wait = Date.parse(result!.nextPollAt) - rig.clock.now().getTime();
      waits.push(wait);
      rig.clock.advance(wait);
    }
    assert.deepEqual(waits, [120_000, 240_000, 300_000, 300_000]);
    const [health] = await rig.store.sources.listStatus(rig.clock.now());
    assert.equal(health?.errorsTotal, 4);
    assert.equal(health?.feed.failures, 4);
    assert.match(health?.lastError ?? '', /feed http:\/\/127\.0\.0\.1:\d+\/feed\.json answered 500/);

    status = 200;
    await poller.pollDue();
    assert.equal((await poller.settle())[0]?.status, 'ingested');
    assert.equal((await rig.store.sources.listStatus(rig.clock.now()))[0]?.feed.failures, 0);
  });

  it('gives up on a feed that does not answer within the timeout', async (t) => {
    const rig = await startIngestRig(t);
    const feed = await startFeedServer(t, () => 'hang');
    await applySourceSettings(rig.store.sources, 'partner', { feedUrl: feed.url, allowPrivateFetch: true });
    const poller = createFeedPoller({ store: rig.store, pipeline: rig.pipeline, clock: rig.clock, timeoutMs: 200 });
    await poller.pollDue();
    const [result] = await poller.settle();
    assert.equal(result?.status, 'error');
    assert.match(result?.error ?? '', /did not answer within 200 ms/);
  });

  it('polls a real RSS feed (a wire fixture) and stores each item once', async (t) => {
    const bytes = await readFile(new URL('../fixtures/wire/feeds/ok/guardian.rss', import.meta.url));
    // The feed's pictures are on the internet, which tests do not reach: each fails fast and its story goes without.
    const rig = await startIngestRig(t, { fetchTimeoutMs: 200 });
    const feed = await startFeedServer(t, () => ({
      status: 200,
      body: bytes.toString('utf8'),
      headers: { 'content-type': 'application/rss+xml' },
    }));
    await applySourceSettings(rig.store.sources, 'guardian', { feedUrl: feed.url, feedIntervalSeconds: '60', allowPrivateFetch: true });
    const poller = createFeedPoller({ store: rig.store, pipeline: rig.pipeline, clock: rig.clock });
    await poller.pollDue();
    const [first] = await poller.settle();
    assert.equal(first?.status, 'ingested', first?.error);
    const stored = await rig.store.stories.count();
    assert.ok(stored > 0 && stored === first?.items?.length);
    rig.clock.advance(60_000);
    await poller.pollDue();
    const [again] = await poller.settle();
    assert.ok(again?.items?.every((r) => r.outcome === 'ignored'));
    assert.equal(await rig.store.stories.count(), stored);
  });

  it('computes the wait: the interval, doubled per error in a row, capped', () => {
    assert.equal(nextDelayMs({ intervalMs: 1000, failures: 0, maxBackoffMs: 10_000 }), 1000);
    assert.equal(nextDelayMs({ intervalMs: 1000, failures: 3, maxBackoffMs: 10_000 }), 8000);
    assert.equal(nextDelayMs({ intervalMs: 1000, failures: 60, maxBackoffMs: 10_000 }), 10_000);
  });
});
