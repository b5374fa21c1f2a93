import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { feedListPathsFor } from '../../src/distribute/websub.js';
import { appFeedPaths, eventually, startPullApp, wireItem } from './pull-app.js';

/** A local stand-in for a WebSub hub: records each publish request's form fields. */
async function startHub(t: TestContext, status = 204) {
  const pings: Array<{ mode: string | null; url: string | null; contentType?: string }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const form = new URLSearchParams(body);
      pings.push({ mode: form.get('hub.mode'), url: form.get('hub.url'), contentType: request.headers['content-type'] });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, pings };
}

describe('WebSub', () => {
  it('maps invalidated list tags to the feeds they change', () => {
    assert.deepEqual(
      feedListPathsFor(['story:1', 'list:home', 'list:section:world', 'list:tag:water', 'list:author:ana', 'list:source:mpa', 'search']),
      ['/', '/world/', '/tag/water', '/author/ana', '/source/mpa'],
    );
  });

  it('pings the hub once per changed feed, after changes settle, from the scheduler', async (t) => {
    const hub = await startHub(t);
    const app = await startPullApp(t);
    await app.store.settings.set('websub', { hub: hub.url });
    await app.ingest([wireItem({ keywords: ['Water'] })]);
    await app.ingest([wireItem({ keywords: ['Water'] })]);
    // Both publishes reach the process's event listener (within 2 s)…
    await eventually(async () => {
      await app.app.scheduler.tick();
      return (await app.json<{ items: unknown[] }>('/feed.json')).items.length === 2;
    }, 'both stories in the feed');
    // …and nothing is pinged until the feeds have been quiet for the debounce time.
    await app.app.scheduler.tick();
    assert.equal(hub.pings.length, 0);
    app.clock.advance(1000);
    await app.app.scheduler.tick();
    const urls = hub.pings.map((p) => p.url).sort();
    assert.ok(hub.pings.every((p) => p.mode === 'publish' && p.contentType === 'application/x-www-form-urlencoded'));
    assert.equal(new Set(urls).size, urls.length, 'one ping per feed for two changes');
    for (const path of appFeedPaths) {
      assert.ok(urls.includes(`http://news.example.test${path}`), path);
    }
    app.clock.advance(1000);
    await app.app.scheduler.tick();
    assert.equal(hub.pings.length, urls.length, 'nothing more to ping');
  });

  it('pings nothing without a hub, and keeps publishing when the hub fails', async (t) => {
    const hub = await startHub(t, 500);
    const app = await startPullApp(t);
    await app.ingest([wireItem()]);
    await eventually(async () => (await app.json<{ items: unknown[] }>('/feed.json')).items.length === 1, 'story in the feed');
    app.clock.advance(1000);
    await app.app.scheduler.tick();
    assert.equal(hub.pings.length, 0);
    await app.store.settings.set('websub', { hub: hub.url });
    await app.ingest([wireItem()]);
    await eventually(async () => (await app.json<{ items: unknown[] }>('/feed.json')).items.length === 2, 'second story in the feed');
    app.clock.advance(1000);
    await app.app.scheduler.tick();
    assert.ok(hub.pings.length > 0, 'the hub was asked');
    assert.equal((await app.get('/feed.xml')).status, 200);
  });
});
