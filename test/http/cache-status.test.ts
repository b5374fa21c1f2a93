import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, it, type TestContext } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { createManualClock } from '../../src/core/clock.js';
import { createResponder, type Rendered } from '../../src/http/responder.js';
import { createPageCache } from '../../src/http/response-cache.js';
import { loadConfig } from '../../src/server/config.js';
import { createCacheInvalidator } from '../../src/site/page-cache.js';
import type { StoryEvent } from '../../src/store/types.js';
import { startTestApp } from '../helpers/app.js';
import { startSite, wireStory } from './site-app.js';

const path = '/world/2026/01/10/talks-on-the-sarin-river-resume';

/** A GET with exactly these headers (fetch would add and undo its own Accept-Encoding). */
function rawGet(base: string, target: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(`${base}${target}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Cache-Status and cache keys', () => {
  it('says how each answer was served, and ignores query parameters a route does not read', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory());
    const statusOf = async (target: string) => (await rawGet(site.url, target)).headers['cache-status'];
    assert.equal(await statusOf(path), 'lede; fwd=miss');
    assert.equal(await statusOf(path), 'lede; hit');
    assert.equal(await statusOf(`${path}?utm_source=x&fbclid=y`), 'lede; hit', 'tracking parameters are not part of the key');
    assert.equal(await statusOf(`${path}?${Math.random()}=1`), 'lede; hit', 'nor is a random one');
    assert.equal(await statusOf('/search?q=sarin'), 'lede; fwd=miss');
    assert.equal(await statusOf('/search?utm_medium=social&q=sarin'), 'lede; hit');
    assert.equal(await statusOf('/search?q=river'), 'lede; fwd=miss', 'a parameter the route reads is');
    assert.equal(await statusOf('/world/?page=1&gclid=z'), 'lede; fwd=miss');
    assert.equal(await statusOf('/world/?page=1'), 'lede; hit');
    assert.equal(await statusOf('/world/'), 'lede; fwd=miss', 'no page parameter is another page address');
    assert.equal(site.cache.size, 5);
  });
});

describe('compression', () => {
  it('sends Brotli or gzip by Accept-Encoding, compressed once, decoding to the identity bytes', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory());
    for (const target of ['/', path, '/world/']) {
      const identity = await rawGet(site.url, target);
      assert.equal(identity.status, 200, target);
      assert.equal(identity.headers['content-encoding'], undefined, target);
      assert.equal(identity.headers.vary, 'Accept-Encoding', target);
      const br = await rawGet(site.url, target, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      assert.equal(br.headers['content-encoding'], 'br', target);
      assert.equal(br.headers['cache-status'], 'lede; hit', `${target}: the compressed copy is made when the entry is`);
      assert.deepEqual(brotliDecompressSync(br.body), identity.body, target);
      assert.ok(br.body.length < identity.body.length / 2, `${target}: ${br.body.length} of ${identity.body.length} bytes`);
      const gzip = await rawGet(site.url, target, { 'accept-encoding': 'gzip;q=1, br;q=0' });
      assert.equal(gzip.headers['content-encoding'], 'gzip', target);
      assert.deepEqual(gunzipSync(gzip.body), identity.body, target);
      assert.equal(Number(gzip.headers['content-length']), gzip.body.length, target);
      const etags = new Set([identity, br, gzip].map((r) => r.headers.etag));
      assert.equal(etags.size, 3, `${target}: each representation has its own strong validator`);
      const revalidated = await rawGet(site.url, target, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
      assert.equal(revalidated.status, 304, target);
      assert.equal(
        (await rawGet(site.url, target, { 'if-none-match': String(br.headers.etag) })).status,
        200,
        `${target}: identity is another representation`,
      );
      const head = await rawGet(site.url, target, { 'accept-encoding': 'br' }, 'HEAD');
      assert.equal(Number(head.headers['content-length']), br.body.length, target);
      assert.equal(head.body.length, 0, target);
    }
  });
});

describe('static assets', () => {
  it('are sent compressed at the top levels, decoding to the file', async (t) => {
    const site = await startSite(t);
    const home = (await rawGet(site.url, '/')).body.toString();
    const css = /href="(\/assets\/site\.\w+\.css)"/.exec(home)?.[1];
    assert.ok(css, 'the home page links its stylesheet');
    const identity = await rawGet(site.url, css);
    const br = await rawGet(site.url, css, { 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(brotliDecompressSync(br.body), identity.body);
    assert.ok(br.body.length < identity.body.length / 3, `${br.body.length} of ${identity.body.length} bytes`);
    assert.equal((await rawGet(site.url, css, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).status, 304);
  });

  it('include the site fonts: woff2 subsets with font-display swap, served immutable from the site', async (t) => {
    const site = await startSite(t);
    const home = (await rawGet(site.url, '/')).body.toString();
    const css = (await rawGet(site.url, /href="(\/assets\/site\.\w+\.css)"/.exec(home)?.[1] ?? '')).body.toString();
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    assert.ok(faces.length >= 6, `${faces.length} @font-face rules`);
    for (const family of ['Source Serif 4', 'IBM Plex Sans Arabic']) assert.ok(css.includes(`font-family: '${family}'`), family);
    assert.ok(faces.every((f) => f.includes('font-display: swap') && /unicode-range:/.test(f)));
    assert.ok(
      faces.some((f) => /arabic-400-normal/.test(f)),
      'an Arabic subset',
    );
    const urls = faces.map((f) => /url\(([^)]+)\)/.exec(f)?.[1] ?? '');
    assert.ok(
      urls.every((u) => /^\/assets\/[\w-]+\.[0-9a-f]{12}\.woff2$/.test(u)),
      urls.join(' '),
    );
    const font = await rawGet(site.url, urls[0] ?? '');
    assert.equal(font.status, 200);
    assert.equal(font.headers['content-type'], 'font/woff2');
    assert.equal(font.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(font.body.subarray(0, 4).toString('latin1'), 'wOF2');
  });
});

/** A real server over one responder whose render waits until the test lets it finish. */
async function startGatedApp(t: TestContext) {
  const cache = createPageCache({ maxEntries: 10 });
  const responder = createResponder({ cache, clock: createManualClock('2026-01-10T12:00:00Z') });
  let version = 0;
  let renders = 0;
  let gate: Promise<void> = Promise.resolve();
  const app = Fastify({ logger: false });
  app.get('/page', (request, reply) =>
    responder.send(request, reply, async (): Promise<Rendered> => {
      renders++;
      const body = `<p>version ${version}</p>`;
      await gate;
      return { status: 200, body, tags: ['story:s1', 'list:home'] };
    }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const invalidator = createCacheInvalidator({ store: { stories: { findByIds: async () => [] } } as never, cache });
  return {
    url,
    cache,
    get renders() {
      return renders;
    },
    /** The next render reads `next` and waits until the returned function is called. */
    holdNextRender(next: number) {
      version = next;
      let open = () => {};
      gate = new Promise((resolve) => {
        open = resolve;
      });
      return () => open();
    },
    handle: (kind: StoryEvent['kind']) => invalidator.handle([{ id: 1, storyId: 's1', kind, at: '2026-01-10T12:00:00Z' }]),
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(condition(), 'condition not reached in 1 s');
};

describe('one render per page', () => {
  it('renders a page once after an update and serves the previous entry meanwhile', async (t) => {
    const app = await startGatedApp(t);
    assert.equal((await rawGet(app.url, '/page')).body.toString(), '<p>version 0</p>');
    await app.handle('update');
    const release = app.holdNextRender(1);
    const first = rawGet(app.url, '/page');
    await until(() => app.renders === 2);
    const meanwhile = await Promise.all([rawGet(app.url, '/page'), rawGet(app.url, '/page')]);
    for (const answer of meanwhile) {
      assert.equal(answer.headers['cache-status'], 'lede; fwd=stale');
      assert.equal(answer.body.toString(), '<p>version 0</p>');
    }
    release();
    const rendered = await first;
    assert.equal(rendered.headers['cache-status'], 'lede; fwd=miss');
    assert.equal(rendered.body.toString(), '<p>version 1</p>');
    const after = await rawGet(app.url, '/page');
    assert.deepEqual([after.headers['cache-status'], after.body.toString()], ['lede; hit', '<p>version 1</p>']);
    assert.equal(app.renders, 2, 'rendered once after the update');
  });

  it('never serves the previous entry after a kill: requests wait for the one render', async (t) => {
    const app = await startGatedApp(t);
    await rawGet(app.url, '/page');
    await app.handle('kill');
    assert.equal(app.cache.lookup('/page'), undefined, 'a kill removes the entry');
    const release = app.holdNextRender(2);
    const answers = [rawGet(app.url, '/page'), rawGet(app.url, '/page'), rawGet(app.url, '/page')];
    await until(() => app.renders === 2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    const bodies = await Promise.all(answers);
    assert.deepEqual(
      bodies.map((b) => b.body.toString()),
      ['<p>version 2</p>', '<p>version 2</p>', '<p>version 2</p>'],
    );
    assert.deepEqual(bodies.map((b) => b.headers['cache-status']).sort(), [
      'lede; fwd=miss',
      'lede; fwd=miss; collapsed',
      'lede; fwd=miss; collapsed',
    ]);
    assert.equal(app.renders, 2, 'three requests, one render');
  });
});

describe('the bench-only switch LEDE_BENCH_PAGE_CACHE_OFF', () => {
  it('is off by default; on, every request renders (no hit, no shared render) and is still compressed', async () => {
    assert.equal(loadConfig({}).benchPageCacheOff, false);
    const t = await startTestApp({ demo: true, env: { LEDE_BENCH_PAGE_CACHE_OFF: '1' } });
    try {
      for (let i = 0; i < 2; i++) {
        const [a, b] = await Promise.all([
          rawGet(t.base, '/', { 'accept-encoding': 'br' }),
          rawGet(t.base, '/', { 'accept-encoding': 'br' }),
        ]);
        for (const answer of [a, b]) {
          assert.equal(answer.status, 200);
          assert.equal(answer.headers['cache-status'], 'lede; fwd=bypass');
          assert.equal(answer.headers['content-encoding'], 'br');
        }
      }
    } finally {
      await t.close();
    }
  });
});
