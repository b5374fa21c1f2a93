import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildNewsroom, type NewsroomManifest } from '../../scripts/build-newsroom.mjs';
import { newsroomClientRoutes } from '../../src/newsroom/client-routes.js';

async function serve(clientDir: string): Promise<{ app: FastifyInstance; base: string }> {
  const app = Fastify();
  await app.register(newsroomClientRoutes, { clientDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe('the newsroom client build and its routes', () => {
  let dir: string;
  let manifest: NewsroomManifest;
  let server: { app: FastifyInstance; base: string };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lede-test-'));
    manifest = await buildNewsroom({ outDir: join(dir, 'out') });
    server = await serve(join(dir, 'out'));
  });
  after(async () => {
    await server?.app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the bundle by its content and lists it in the manifest', async () => {
    assert.match(manifest.entries['main.js'], /^main\.[A-Z0-9]{8}\.js$/);
    assert.match(manifest.entries['main.css'], /^main\.[A-Z0-9]{8}\.css$/);
    const written = JSON.parse(await readFile(join(dir, 'out', 'manifest.json'), 'utf8'));
    assert.deepEqual(written, manifest);
    const again = await buildNewsroom({ outDir: join(dir, 'again') });
    assert.deepEqual(again.entries, manifest.entries, 'the same sources give the same names');
  });

  it('answers /newsroom/ and client routes with the shell, uncached and under a strict CSP', async () => {
    for (const path of ['/newsroom/', '/newsroom/stories/42', '/newsroom/wire?status=held', '/newsroom/users']) {
      const response = await fetch(`${server.base}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(response.headers.get('cache-control') ?? '', /no-store/);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      const html = await response.text();
      assert.ok(html.includes(`<script type="module" src="/newsroom/assets/${manifest.entries['main.js']}"></script>`), path);
      assert.ok(html.includes(`<link rel="stylesheet" href="/newsroom/assets/${manifest.entries['main.css']}">`), path);
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=/, 'no inline script or style');
    }
    const bare = await fetch(`${server.base}/newsroom`, { redirect: 'manual' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/newsroom/');
  });

  it('serves the hashed assets for a year, immutable, with a validator', async () => {
    for (const file of [manifest.entries['main.js'], manifest.entries['main.css']]) {
      const response = await fetch(`${server.base}/newsroom/assets/${file}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(response.headers.get('content-type') ?? '', file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      const body = await response.text();
      assert.equal(body, await readFile(join(dir, 'out', 'assets', file), 'utf8'));
      const etag = response.headers.get('etag') ?? '';
      const revalidated = await fetch(`${server.base}/newsroom/assets/${file}`, { headers: { 'if-none-match': etag } });
      assert.equal(revalidated.status, 304);
    }
    assert.equal((await fetch(`${server.base}/newsroom/assets/main.AAAAAAAA.js`)).status, 404);
    assert.equal((await fetch(`${server.base}/newsroom/assets/..%2Fmanifest.json`)).status, 404);
  });

  it('leaves unknown admin API paths to the API (404), never the shell', async () => {
    const response = await fetch(`${server.base}/newsroom/api/v1/no-such-thing`);
    assert.equal(response.status, 404);
    assert.doesNotMatch(await response.text(), /<div id="app">/);
  });

  it('says how to build the client when it was not built', async () => {
    const empty = await serve(join(dir, 'never-built'));
    try {
      const response = await fetch(`${empty.base}/newsroom/`);
      assert.equal(response.status, 503);
      assert.match(await response.text(), /npm run build/);
    } finally {
      await empty.app.close();
    }
  });
});
