import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { isLedeError } from '../../src/core/errors.js';
import type { NinjsAssociation } from '../../src/core/ninjs.js';
import { articlePath, mediaPath } from '../../src/core/urls.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { within } from '../helpers/surfaces.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp, storedStory } from './e2e-helpers.js';
import { startIngestRig } from './ingest-rig.js';

/** A local HTTP server standing in for an agency's picture service. */
async function startPictureServer() {
  const jpeg = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/photo')) return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    if (request.url === '/big.jpg') {
      // No Content-Length: the limit must hold while reading.
      response.writeHead(200, { 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 20; i++) response.write(Buffer.alloc(16 * 1024, 7));
      return response.end();
    }
    if (request.url === '/slow.jpg') return; // never answers
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const picture = (href: string, uri: string): NinjsAssociation => ({
  name: 'featuremedia',
  type: 'picture',
  uri,
  by: 'Ana Example',
  descriptions: [{ role: 'caption', value: 'Keepers at the northern light.' }],
  renditions: [
    { name: 'thumbnail', href: `${href}?w=200`, width: 200, height: 133 },
    { name: 'baseImage', href, width: 2400, height: 1600 },
  ],
});

describe('agency pictures', () => {
  let pictures: Awaited<ReturnType<typeof startPictureServer>>;
  let app: IngestTestApp;
  before(async () => {
    pictures = await startPictureServer();
    app = await startIngestApp();
    // The stand-in picture server is on 127.0.0.1: this source is allowed private addresses.
    await applySourceSettings(app.store.sources, 'agency', { name: 'Agency', credit: 'AGENCY', allowPrivateFetch: true });
  });
  after(async () => {
    await app.stop();
    await pictures.close();
  });

  it('stores the largest rendition locally with its credit and never links to the agency', async () => {
    const item = wireItem({ associations: [picture(`${pictures.base}/photo-1.jpg`, 'urn:pic:1')] });
    await app.app.services.pipeline.ingestItems([item], { source: 'agency' });
    const story = await storedStory(app, 'agency', item);
    assert.ok(story.hero);
    assert.deepEqual(
      [story.hero.width, story.hero.height, story.hero.photographer, story.hero.creditSource],
      [1600, 1067, 'Ana Example', 'AGENCY'],
    );
    const media = await app.store.media.findById(story.hero.mediaId);
    await access(join(app.config.mediaDir, media!.path));
    const page = await (await fetch(`${app.base}${articlePath(story)}`)).text();
    assert.ok(page.includes(mediaPath(story.hero.mediaId)));
    assert.ok(!page.includes(pictures.base), 'the page does not hotlink the agency');
  });

  it('stores the pictures inside a body too, and drops one that cannot be fetched', async () => {
    const html =
      `<figure><img src="${pictures.base}/photo-body.jpg?sig=abc&amp;exp=1" alt="Keepers" width="800" height="533" /><figcaption>Keepers.</figcaption></figure>` +
      `<p>The vote was close.</p><p><img src="${pictures.base}/missing.jpg" alt="gone" /></p>`;
    const item = wireItem({ bodies: [{ role: 'main', contenttype: 'text/html', value: html }] });
    await app.app.services.pipeline.ingestItems([item], { source: 'agency' });
    const story = await storedStory(app, 'agency', item);
    assert.ok(!story.bodyHtml.includes(pictures.base), story.bodyHtml);
    assert.match(story.bodyHtml, /<img src="\/media\/[\w-]+" alt="Keepers" width="800" height="533" \/>/);
    assert.doesNotMatch(story.bodyHtml, /alt="gone"/);
    const page = await (await fetch(`${app.base}${articlePath(story)}`)).text();
    assert.ok(!page.includes(pictures.base));
  });

  it('takes a killed picture off every story that uses it, and keeps it off later ones', async () => {
    const { pipeline } = app.app.services;
    const a = wireItem({ associations: [picture(`${pictures.base}/photo-2.jpg`, 'urn:pic:2')] });
    const b = wireItem({ associations: [picture(`${pictures.base}/photo-2.jpg`, 'urn:pic:2')] });
    await pipeline.ingestItems([a, b], { source: 'agency' });
    const [sa, sb] = [await storedStory(app, 'agency', a), await storedStory(app, 'agency', b)];
    const mediaId = sa.hero!.mediaId;
    assert.equal(sb.hero?.mediaId, mediaId);
    assert.ok((await (await fetch(`${app.base}${articlePath(sa)}`)).text()).includes(mediaPath(mediaId)));
    const lastEvent = await app.store.events.latestId();

    await pipeline.ingestItems([{ uri: 'urn:pic:2', type: 'picture', pubstatus: 'canceled', version: '2' }], { source: 'agency' });
    for (const s of [sa, sb]) assert.equal((await app.store.stories.findById(s.id))?.hero, undefined);
    const events = await app.store.events.listAfter(lastEvent, 100);
    assert.deepEqual(
      events.map((e) => [e.storyId, e.kind]).sort(),
      [
        [sa.id, 'update'],
        [sb.id, 'update'],
      ].sort(),
    );
    await within(
      2000,
      async () => !(await (await fetch(`${app.base}${articlePath(sa)}`)).text()).includes(mediaPath(mediaId)),
      'page without the picture',
    );
    assert.equal((await fetch(`${app.base}${mediaPath(mediaId)}`)).status, 410);

    const later = wireItem({ associations: [picture(`${pictures.base}/photo-2.jpg`, 'urn:pic:2')] });
    await pipeline.ingestItems([later], { source: 'agency' });
    assert.equal((await storedStory(app, 'agency', later)).hero, undefined);
  });

  it('treats a kill of a picture uri (no type given) as a picture kill, not a story tombstone', async () => {
    const { pipeline } = app.app.services;
    const item = wireItem({ associations: [picture(`${pictures.base}/photo-3.jpg`, 'urn:pic:3')] });
    await pipeline.ingestItems([item], { source: 'agency' });
    const [result] = await pipeline.ingestItems([{ uri: 'urn:pic:3', pubstatus: 'canceled', version: '2' }], { source: 'agency' });
    assert.equal(result?.outcome, 'kill');
    assert.equal((await storedStory(app, 'agency', item)).hero, undefined);
    assert.equal(await app.store.stories.findByUri('agency', 'urn:pic:3'), undefined);
  });
});

describe('picture fetch limits', () => {
  let pictures: Awaited<ReturnType<typeof startPictureServer>>;
  before(async () => {
    pictures = await startPictureServer();
  });
  after(() => pictures.close());

  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      assert.ok(isLedeError(error), String(error));
      return error;
    }
    assert.fail('expected a LedeError');
  };

  it('refuses a picture larger than the limit, even without a Content-Length', async (t) => {
    const rig = await startIngestRig(t, { maxPictureBytes: 100_000 });
    const error = await failure(rig.media.importPicture({ href: `${pictures.base}/big.jpg`, allowPrivateFetch: true }));
    assert.equal(error.code, 'LEDE_INGEST_TOO_LARGE');
  });

  it('gives up on a picture that does not arrive within the timeout', async (t) => {
    const rig = await startIngestRig(t, { fetchTimeoutMs: 200 });
    const started = Date.now();
    const error = await failure(rig.media.importPicture({ href: `${pictures.base}/slow.jpg`, allowPrivateFetch: true }));
    assert.equal(error.code, 'LEDE_INGEST_FETCH');
    assert.match(error.message, /within 200 ms/);
    assert.ok(Date.now() - started < 3000);
  });

  it('publishes the story without its picture when the picture cannot be fetched', async (t) => {
    const rig = await startIngestRig(t, { fetchTimeoutMs: 200 });
    await applySourceSettings(rig.store.sources, 'agency', { name: 'Agency', allowPrivateFetch: true });
    const item = wireItem({ associations: [picture(`${pictures.base}/missing.jpg`, 'urn:pic:missing')] });
    const [result] = await rig.pipeline.ingestItems([item], { source: 'agency' });
    assert.equal(result?.state, 'published');
    assert.equal((await rig.store.stories.findById(result!.id))?.hero, undefined);
  });
});
