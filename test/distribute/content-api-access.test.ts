import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify from 'fastify';
import { createManualClock } from '../../src/core/clock.js';
import { createApiKey } from '../../src/distribute/content-api/api-keys.js';
import { listParameters } from '../../src/distribute/content-api/list-query.js';
import { contentApiRoutes } from '../../src/distribute/content-api/plugin.js';
import { createPageCache } from '../../src/http/response-cache.js';
import { startTestApp } from '../helpers/app.js';
import { now, startPullApp, wireItem, type Xml } from './pull-app.js';

const run = promisify(execFile);
const bin = new URL('../../bin/lede.js', import.meta.url).pathname;

describe('content API keys and rate limits', () => {
  it('asks for a key when the api setting requires one, by Bearer or X-Api-Key', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([wireItem()]);
    const { key } = await createApiKey({ store: app.store, clock: app.clock }, 'partner');
    assert.equal((await app.get('/api/v1/articles')).status, 200, 'open by default');
    await app.store.settings.set('api', { requireKey: true });
    const anonymous = await app.get('/api/v1/articles');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await anonymous.json()).error.code, 'LEDE_HTTP_UNAUTHORIZED');
    assert.equal((await app.get('/api/v1/articles', { authorization: 'Bearer lede_wrong' })).status, 401);
    const bearer = await app.get('/api/v1/articles', { authorization: `Bearer ${key}` });
    assert.equal(bearer.status, 200);
    const header = await app.get('/api/v1/articles', { 'x-api-key': key });
    assert.equal(header.status, 200);
    assert.equal((await header.json()).items.length, 1);
    assert.equal((await app.get('/api/v1/openapi.json')).status, 200, 'the description stays public');
    // The key is stored hashed: the database never holds it.
    assert.ok(!JSON.stringify(await app.store.apiKeys.list()).includes(key));
    await app.store.apiKeys.revoke('partner', now);
    assert.equal((await app.get('/api/v1/articles', { 'x-api-key': key })).status, 401, 'a revoked key');
  });

  it('answers 429 with Retry-After once a client has used its tokens, per key and per address', async (t) => {
    const app = await startPullApp(t);
    await app.store.settings.set('api', { perMinute: 3, keyPerMinute: 2 });
    const { key } = await createApiKey({ store: app.store, clock: app.clock }, 'partner');
    for (let i = 0; i < 3; i++) assert.equal((await app.get('/api/v1/articles')).status, 200, `request ${i + 1}`);
    const limited = await app.get('/api/v1/articles');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '20', 'one token every 20 s at 3 a minute');
    assert.equal((await limited.json()).error.code, 'LEDE_HTTP_RATE_LIMITED');
    // A cached answer is no way around the limit.
    assert.equal((await app.get('/api/v1/articles')).status, 429);
    // The key has a bucket of its own.
    for (let i = 0; i < 2; i++) assert.equal((await app.get('/api/v1/articles', { 'x-api-key': key })).status, 200);
    assert.equal((await app.get('/api/v1/articles', { 'x-api-key': key })).status, 429);
    app.clock.advance(20_000);
    assert.equal((await app.get('/api/v1/articles')).status, 200, 'a token is back after Retry-After');
    assert.equal((await app.get('/api/v1/articles')).status, 429);
  });

  it('creates a key with the lede binary, shown once and accepted by the API', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lede-apikey-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const env = { PATH: process.env.PATH ?? '', LEDE_DATA_DIR: dataDir };
    const added = await run(process.execPath, [bin, 'apikey', 'add', 'wire-partner'], { env, timeout: 20_000 });
    const key = added.stdout.trim();
    assert.match(key, /^lede_[\w-]{43}$/);
    assert.match(added.stderr, /shown only this once/);
    const again = await run(process.execPath, [bin, 'apikey', 'add', 'wire-partner'], { env, timeout: 20_000 }).catch((e) => e);
    assert.equal(again.code, 1);
    const listed = await run(process.execPath, [bin, 'apikey', 'list'], { env, timeout: 20_000 });
    assert.match(listed.stdout, /^wire-partner\t\S+\tactive$/m);
    assert.ok(!listed.stdout.includes(key));
    const app = await startTestApp({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    t.after(() => app.close());
    await app.store.settings.set('api', { requireKey: true });
    assert.equal((await fetch(`${app.base}/api/v1/articles`)).status, 401);
    assert.equal((await fetch(`${app.base}/api/v1/articles`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
  });
});

describe('content API OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document', async (t) => {
    const app = await startPullApp(t);
    const res = await app.get('/api/v1/openapi.json');
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const doc = await res.json();
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    assert.equal(doc.servers[0].url, 'http://news.example.test/api/v1');
  });

  it('documents every route and every parameter the API accepts', async (t) => {
    const routes: Array<{ method: string; url: string }> = [];
    const http = Fastify({ logger: false });
    http.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
    });
    const app = await startPullApp(t);
    await http.register(contentApiRoutes, {
      prefix: '/api/v1',
      store: app.store,
      cache: createPageCache({ maxEntries: 10 }),
      clock: createManualClock(now),
      config: { publicUrl: 'https://news.example', mediaDir: tmpdir() },
    });
    await http.ready();
    t.after(() => http.close());
    const doc = await app.json<Xml>('/api/v1/openapi.json');
    assert.ok(routes.length >= 3);
    for (const route of routes) {
      const path = route.url.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.url} is documented`);
      const documented = new Set((operation.parameters ?? []).map((p: Xml) => `${p.in}:${p.name}`));
      for (const [, name] of route.url.matchAll(/:(\w+)/g)) assert.ok(documented.has(`path:${name}`), `path parameter ${name}`);
    }
    const listParams = new Set(doc.paths['/articles'].get.parameters.filter((p: Xml) => p.in === 'query').map((p: Xml) => p.name));
    assert.deepEqual(listParams, new Set(listParameters));
    // …and the parser accepts exactly those: anything else is refused by name.
    for (const name of listParameters) {
      const body = await app.json<Xml>(`/api/v1/articles?${name}=x`);
      assert.doesNotMatch(body.error?.message ?? '', /unknown parameter/, name);
    }
    assert.equal((await app.json<Xml>('/api/v1/articles?page=2')).error.field, 'page');
  });
});
