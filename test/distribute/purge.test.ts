import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock, systemClock } from '../../src/core/clock.js';
import { articlePath } from '../../src/core/urls.js';
import { type PushApp, startPushApp, wireItem } from '../helpers/push-app.js';
import { type Receiver, startReceiver } from '../helpers/receiver.js';

const keysOf = (request: Receiver['requests'][number]) => String(request.headers['surrogate-key'] ?? '').split(' ');

async function start(t: { after: (fn: () => Promise<void>) => void }): Promise<{ app: PushApp; cdn: Receiver }> {
  const cdn = await startReceiver();
  const app = await startPushApp({ clock: createManualClock('2026-03-01T12:00:00Z'), purgeUrl: cdn.url });
  t.after(async () => {
    await app.close();
    await cdn.close();
  });
  return { app, cdn };
}

describe('CDN purge channel', () => {
  it('sends the surrogate keys of the story and of every list it is on, in a header and as JSON', async (t) => {
    const { app, cdn } = await start(t);
    const [result] = await app.ingest([wireItem()]);
    await app.deliver();
    assert.equal(cdn.requests.length, 1);
    const [request] = cdn.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.headers.authorization, 'Bearer purge-token');
    const expected = [
      `story-${result?.id}`,
      'list-home',
      'search',
      'list-source-afp',
      'list-lang-en',
      'list-section-world',
      'list-tag-ports',
      'list-tag-labour',
      'list-author-jane-roe',
    ];
    assert.deepEqual(keysOf(request!).sort(), [...expected].sort());
    assert.deepEqual(JSON.parse(request!.body), { surrogate_keys: keysOf(request!) });
    assert.equal((await app.store.outbox.list({ channel: 'purge' }))[0]?.status, 'delivered');
  });

  it('purges a kill before anything else that is waiting', async (t) => {
    const { app, cdn } = await start(t);
    const first = wireItem();
    const [killed] = await app.ingest([first]);
    await app.ingest([wireItem(), wireItem()]);
    await app.ingest([{ ...first, version: '2', pubstatus: 'canceled', bodies: undefined }]);
    await app.deliver();
    assert.equal(cdn.requests.length, 4);
    assert.ok(keysOf(cdn.requests[0]!).includes(`story-${killed?.id}`));
    const kinds = (await app.store.outbox.list({ channel: 'purge' })).map((r) => `${r.kind}:${r.status}`);
    assert.deepEqual(kinds, ['publish:delivered', 'publish:delivered', 'publish:delivered', 'kill:delivered']);
  });

  it('names the keys exactly as the Surrogate-Key header of the pages that show the story', async (t) => {
    const { app, cdn } = await start(t);
    const [earlier] = await app.ingest([wireItem()]);
    const listKeys: Record<string, string> = {
      '/': 'list-home',
      '/world/': 'list-section-world',
      '/tag/ports': 'list-tag-ports',
      '/tag/labour': 'list-tag-labour',
      '/author/jane-roe': 'list-author-jane-roe',
      '/source/afp': 'list-source-afp',
    };
    const pages = Object.keys(listKeys);
    const headers = new Map<string, string[]>();
    for (const path of pages) {
      const response = await fetch(`${app.base}${path}`);
      assert.equal(response.status, 200, path);
      headers.set(path, (response.headers.get('surrogate-key') ?? '').split(' '));
    }
    // A new story on the same lists: every cached list page must be purged by one of its keys.
    const [result] = await app.ingest([wireItem()]);
    await app.deliver();
    const purged = new Set(cdn.requests.flatMap(keysOf).filter((k) => !k.includes(earlier!.id)));
    for (const path of pages) {
      assert.ok(headers.get(path)!.includes(listKeys[path]!), `${path} carries ${listKeys[path]} (${headers.get(path)!.join(' ')})`);
      assert.ok(purged.has(listKeys[path]!), `the new story's purge reaches the cached ${path}`);
      assert.ok(!headers.get(path)!.includes(`story-${result!.id}`));
    }
    const story = await app.store.stories.findById(result!.id);
    const article = await fetch(`${app.base}${articlePath(story!)}`);
    assert.equal(article.status, 200);
    assert.ok((article.headers.get('surrogate-key') ?? '').split(' ').includes(`story-${result!.id}`));
    assert.ok(purged.has(`story-${result!.id}`));
  });

  it('sends the purge of a kill within 2 seconds of the commit, from the running scheduler', async (t) => {
    const cdn = await startReceiver();
    const app = await startPushApp({ clock: systemClock, purgeUrl: cdn.url });
    t.after(async () => {
      await app.close();
      await cdn.close();
    });
    app.app.scheduler.start();
    const item = wireItem({ versioncreated: new Date().toISOString() });
    const [result] = await app.ingest([item]);
    await waitFor(() => cdn.requests.length === 1, 2000);
    const killedAt = Date.now();
    await app.ingest([{ ...item, version: '2', pubstatus: 'canceled', bodies: undefined }]);
    await waitFor(() => cdn.requests.length === 2, 2000);
    assert.ok(Date.now() - killedAt < 2000);
    assert.ok(keysOf(cdn.requests[1]!).includes(`story-${result?.id}`));
  });
});

/** Polls `check` every 20 ms; fails after `ms`. */
async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
