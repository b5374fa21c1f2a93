import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { isLedeError } from '../../src/core/errors.js';
import { isPrivateAddress, safeFetch } from '../../src/ingest/safe-fetch.js';
import { runLede } from '../helpers/cli.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp, storedStory } from './e2e-helpers.js';

/** A local server that counts what it is asked; `redirect` answers every request with a 302 there. */
async function startServer(host: string, options: { port?: number; redirect?: () => string; body?: Buffer } = {}) {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (options.redirect) return response.writeHead(302, { location: options.redirect() }).end();
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(options.body ?? `served by ${host}`);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { port, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    assert.ok(isLedeError(error, 'LEDE_INGEST_FETCH'), String(error));
    assert.match(error.message, /refused/);
    return error;
  }
  assert.fail('expected the fetch to be refused');
};

describe('picture fetches refuse private addresses (SSRF)', () => {
  let app: IngestTestApp;
  let local: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .jpeg()
      .toBuffer();
    local = await startServer('127.0.0.1', { body: jpeg });
    app = await startIngestApp();
  });
  after(async () => {
    await app.stop();
    await local.close();
  });

  it('by default never asks loopback, link-local (cloud metadata), 0.0.0.0 or mapped IPv6 for a picture', async () => {
    const { media } = app.app.services;
    for (const href of [
      `http://127.0.0.1:${local.port}/photo.jpg`,
      `http://[::ffff:127.0.0.1]:${local.port}/photo.jpg`,
      `http://0.0.0.0:${local.port}/photo.jpg`,
      `http://2130706433:${local.port}/photo.jpg`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/photo.jpg',
      `http://localhost:${local.port}/photo.jpg`,
    ]) {
      const started = Date.now();
      await refusal(media.importPicture({ href }));
      assert.ok(Date.now() - started < 2000, `${href} refused before any connection attempt`);
    }
    assert.deepEqual(local.requests, []);
  });

  it('publishes a wire story without its loopback picture; `lede sources set --allow-private-fetch` lets it in', async () => {
    const href = `http://127.0.0.1:${local.port}/hero.jpg`;
    const picture = (uri: string) => ({
      name: 'featuremedia',
      type: 'picture',
      uri,
      renditions: [{ name: 'base', href, width: 40, height: 30 }],
    });
    const refused = wireItem({ associations: [picture('urn:ssrf:1')] });
    await app.app.services.pipeline.ingestItems([refused], { source: 'lan-agency' });
    assert.equal((await storedStory(app, 'lan-agency', refused)).hero, undefined);
    assert.deepEqual(local.requests, []);

    const set = await runLede(['sources', 'set', 'lan-agency', '--allow-private-fetch'], { LEDE_DATA_DIR: app.config.dataDir });
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await app.store.sources.findBySlug('lan-agency'))?.rules?.allowPrivateFetch, true);
    const allowed = wireItem({ associations: [picture('urn:ssrf:2')] });
    await app.app.services.pipeline.ingestItems([allowed], { source: 'lan-agency' });
    assert.ok((await storedStory(app, 'lan-agency', allowed)).hero);
    assert.deepEqual(local.requests, ['/hero.jpg']);
  });
});

describe('safeFetch', () => {
  // 127.0.0.2 stands in for a public host (no internet in tests): only it passes the real rule's place.
  const publicStandIn = '127.0.0.2';
  const isBlocked = (address: string) => address !== publicStandIn && isPrivateAddress(address);

  it('checks every redirect: a public host that redirects to loopback or cloud metadata is refused', async () => {
    const secret = await startServer('127.0.0.1');
    for (const target of [`http://127.0.0.1:${secret.port}/admin`, 'http://169.254.169.254/latest/meta-data/']) {
      const cdn = await startServer(publicStandIn, { redirect: () => target });
      const error = await refusal(safeFetch(`http://${publicStandIn}:${cdn.port}/photo.jpg`, { label: 'picture', isBlocked }));
      assert.ok(error.message.includes(new URL(target).href), error.message);
      assert.deepEqual(cdn.requests, ['/photo.jpg']);
      await cdn.close();
    }
    assert.deepEqual(secret.requests, [], 'the redirect target was never asked');
    await secret.close();
  });

  it('follows a bounded number of redirects', async () => {
    let loop: Awaited<ReturnType<typeof startServer>> | undefined;
    loop = await startServer(publicStandIn, { redirect: () => `http://${publicStandIn}:${loop?.port}/again` });
    await refusal(safeFetch(`http://${publicStandIn}:${loop.port}/start`, { label: 'feed', isBlocked, maxRedirects: 3 }));
    assert.equal(loop.requests.length, 4);
    await loop.close();
  });

  it('connects to the address it checked: a DNS answer that changes to loopback afterwards (rebinding) is never used', async () => {
    const checked = await startServer(publicStandIn);
    // Same port on loopback: where a second lookup would lead.
    const rebound = await startServer('127.0.0.1', { port: checked.port });
    let lookups = 0;
    const resolve = async () => [{ address: lookups++ === 0 ? publicStandIn : '127.0.0.1', family: 4 }];
    const response = await safeFetch(`http://pictures.example.test:${checked.port}/p.jpg`, { label: 'picture', isBlocked, resolve });
    assert.equal(await response.text(), `served by ${publicStandIn}`);
    assert.equal(lookups, 1, 'one lookup: the one that was checked');
    assert.deepEqual(rebound.requests, []);
    // And a name that resolves to loopback is refused by default, with no request made.
    lookups = 1;
    await refusal(safeFetch(`http://pictures.example.test:${checked.port}/p.jpg`, { label: 'picture', resolve }));
    assert.deepEqual(rebound.requests, []);
    await checked.close();
    await rebound.close();
  });
});
