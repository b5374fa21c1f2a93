import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it, type TestContext } from 'node:test';
import Fastify, { LogController } from 'fastify';
import { LedeError } from '../../src/core/errors.js';
import { createErrorReply, type ErrorReplyOptions } from '../../src/http/error-reply.js';
import { startTestApp } from '../helpers/app.js';

interface LogLine {
  level: number;
  msg: string;
  code?: string;
  err?: { stack?: string };
}

/** A real server on port 0 whose routes throw what the test gives, answered by the shared error reply. */
async function startServer(t: TestContext, options: ErrorReplyOptions) {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream }, logController: new LogController({ disableRequestLogging: true }) });
  app.setErrorHandler(createErrorReply(options));
  app.get('/field', async () => {
    throw new LedeError('LEDE_HTTP_BAD_REQUEST', 'GET /field: limit "x" is not a number', { details: { field: 'limit' } });
  });
  app.get('/busy', async () => {
    throw new LedeError('LEDE_STORE_BUSY', 'SQLITE_BUSY: database is locked at /srv/lede/data/lede.db');
  });
  app.get('/limited', async () => {
    throw new LedeError('LEDE_HTTP_RATE_LIMITED', 'too many requests', { retryAfterSeconds: 17 });
  });
  app.get('/bug', async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'secret_column')");
  });
  app.post('/json', async () => 'never');
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  return { url, lines };
}

describe('createErrorReply', () => {
  it('answers a 4xx with the catalogue status, the code, the message and the field, logged at info', async (t) => {
    const server = await startServer(t, { format: 'json', surface: 'test' });
    const res = await fetch(`${server.url}/field`);
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('retry-after'), null);
    assert.deepEqual(await res.json(), {
      error: { code: 'LEDE_HTTP_BAD_REQUEST', message: 'GET /field: limit "x" is not a number', field: 'limit' },
    });
    const line = server.lines.find((l) => l.code === 'LEDE_HTTP_BAD_REQUEST');
    assert.equal(line?.level, 30);
  });

  it('answers a retryable error with Retry-After, and never shows the text of a 5xx', async (t) => {
    const server = await startServer(t, { format: 'json', surface: 'test' });
    const busy = await fetch(`${server.url}/busy`);
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('retry-after'), '2');
    const body = await busy.text();
    assert.match(body, /"code":"LEDE_STORE_BUSY"/);
    assert.doesNotMatch(body, /SQLITE|lede\.db/);
    const limited = await fetch(`${server.url}/limited`);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '17');
  });

  it('answers a bug 500 LEDE_HTTP_INTERNAL, logged at error with its stack, its text hidden', async (t) => {
    const server = await startServer(t, { format: 'json', surface: 'test' });
    const res = await fetch(`${server.url}/bug`);
    assert.equal(res.status, 500);
    const body = await res.text();
    assert.match(body, /"code":"LEDE_HTTP_INTERNAL"/);
    assert.doesNotMatch(body, /secret_column|TypeError/);
    const line = server.lines.find((l) => l.level === 50);
    assert.ok(line, 'a 5xx is logged at error');
    assert.match(line.err?.stack ?? '', /secret_column[\s\S]*at /);
  });

  it("gives Fastify's own 4xx their status, with a code", async (t) => {
    const server = await startServer(t, { format: 'json', surface: 'test' });
    const res = await fetch(`${server.url}/json`, { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'LEDE_HTTP_BAD_REQUEST');
  });

  it('answers in the format the caller asks for: the styled page, JSON, XML or text', async (t) => {
    const server = await startServer(t, {
      format: 'text',
      surface: 'test',
      renderHtml: (error) => `<!doctype html><h1>Error ${error.status}</h1>`,
    });
    const page = await fetch(`${server.url}/field`, { headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' } });
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await page.text(), '<!doctype html><h1>Error 400</h1>');

    const json = await fetch(`${server.url}/busy`, { headers: { accept: 'application/json' } });
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);

    const xml = await fetch(`${server.url}/field`, { headers: { accept: 'application/rss+xml' } });
    assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
    assert.equal(
      await xml.text(),
      '<?xml version="1.0" encoding="UTF-8"?>\n<error><code>LEDE_HTTP_BAD_REQUEST</code><message>GET /field: limit &quot;x&quot; is not a number</message><field>limit</field></error>\n',
    );

    const text = await fetch(`${server.url}/bug`);
    assert.equal(text.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await text.text(), 'LEDE_HTTP_INTERNAL: internal error; it was logged, try again later\n');
  });
});

describe('the error reply on the app', () => {
  it('answers a push that fails on a bug 500 LEDE_HTTP_INTERNAL in JSON, hiding the text', async (t) => {
    const app = await startTestApp();
    t.after(() => app.close().catch(() => {}));
    // The database goes away under the running server: the push route's first query fails.
    await app.store.close();
    const res = await fetch(`${app.base}/ingest/afp`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer x' } });
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.deepEqual(body, { error: { code: 'LEDE_HTTP_INTERNAL', message: 'internal error; it was logged, try again later' } });
  });
});
