import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ninjs } from '../../src/core/ninjs.js';
import type { Story } from '../../src/core/story.js';
import { articlePath } from '../../src/core/urls.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { assertGoneEverywhereBy, assertKillRecorded, isLive, listedSitemaps, within } from '../helpers/surfaces.js';

export const worldTopic = { literal: 'medtop:16000000', uri: 'http://cv.iptc.org/newscodes/mediatopic/16000000' };

/** A local HTTP server standing in for a partner that receives webhooks; closed with `close()`. */
async function startReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface IngestTestApp extends TestApp {
  /** Ends the app, the receiver and the temp folder. */
  stop(): Promise<void>;
}

/**
 * A running app with a section for world news and, when the outbox exists, a webhook
 * subscriber: so that a story reaches a channel, and its kill must ask that channel to delete it.
 */
export async function startIngestApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<IngestTestApp> {
  const t = await startTestApp(options);
  await t.store.sections.upsert({ slug: 'world', name: 'World', position: 1, subjects: [worldTopic.literal] });
  const receiver = await startReceiver();
  type Webhooks = { add(input: { url: string; secret: string; events: string[]; now: Date }): Promise<unknown> };
  const webhooks = (t.store as unknown as { webhooks?: Webhooks }).webhooks;
  await webhooks?.add({ url: receiver.url, secret: 'test-secret', events: ['publish', 'update', 'kill', 'withhold'], now: new Date() });
  return {
    ...t,
    async stop() {
      await t.close();
      await receiver.close();
    },
  };
}

/** Waits until the story of `item` is stored and returns it. */
export async function storedStory(app: TestApp, source: string, item: Ninjs, ms = 5000): Promise<Story> {
  let story: Story | undefined;
  await within(
    ms,
    async () => {
      story = await app.store.stories.findById(storyIdFor(source, item.uri));
      return story !== undefined;
    },
    `story ${item.uri} stored`,
  );
  return story!;
}

/**
 * The story is live: its page answers 200 and search finds it (within `ms`, whichever process
 * ingested it). Returns the sitemaps listed meanwhile, to check after the kill.
 */
export async function assertLive(app: TestApp, story: Story, ms = 5000): Promise<string[]> {
  await within(ms, () => isLive(app.base, story), `${articlePath(story)} live and searchable`);
  return listedSitemaps(app.base);
}

/**
 * After a kill: within 5 s the page answers 410; the story is on no list, feed, sitemap or
 * API list; the events log has the kill and every channel that carried it is asked to delete it.
 */
export async function assertKilledEverywhere(app: TestApp, story: Story, receivedAt: number, sitemaps: string[] = []): Promise<string> {
  const url = `${app.base}${articlePath(story)}`;
  await within(
    5000 - (Date.now() - receivedAt),
    async () => (await fetch(url, { redirect: 'manual' })).status === 410,
    `${url} answers 410`,
  );
  const report = await assertGoneEverywhereBy(receivedAt + 5000, app.base, story, { extraPaths: sitemaps });
  assert.ok(Date.now() - receivedAt < 5000, 'gone everywhere within 5 seconds of receipt');
  assert.ok(report.checked.length >= 3, `surfaces checked: ${report.checked.join(' ')}`);
  const rows = await assertKillRecorded(app.store, story.id);
  if (rows)
    assert.ok(
      rows.some((r) => r.kind === 'kill'),
      'the outbox asks the webhook channel to delete the story',
    );
  return `checked ${report.checked.join(' ')}; absent (404) ${report.absent.join(' ') || 'none'}; outbox ${rows ? rows.map((r) => `${r.channel}:${r.kind}`).join(' ') : 'absent'}`;
}
