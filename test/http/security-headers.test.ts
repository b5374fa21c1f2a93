import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startPullApp, wireItem } from '../distribute/pull-app.js';

const expectPageHeaders = (res: Response, what: string) => {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/, what);
  assert.match(csp, /script-src 'self'(;|$)/, `${what}: scripts from the site only, no inline`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what);
};

describe('security headers and methods', () => {
  it('sends CSP and frame protection with every page: rendered, cached, not found, and with errors', async (t) => {
    const app = await startPullApp(t);
    const miss = await app.get('/');
    expectPageHeaders(miss, 'home, rendered');
    await miss.text();
    expectPageHeaders(await app.get('/'), 'home, from the cache');
    const missing = await app.get('/nothing-here-at-all');
    assert.equal(missing.status, 404);
    expectPageHeaders(missing, 'not found');
    const bad = await app.get('/search?page=0');
    expectPageHeaders(bad, `search with a bad page (${bad.status})`);
  });

  it('keeps pages within their CSP: no inline script, style or handler; scripts and styles from the site', async (t) => {
    const app = await startPullApp(t);
    await app.ingest([wireItem()]);
    const home = await app.text('/');
    const articlePath = /href="(\/world\/\d{4}\/\d\d\/\d\d\/[^"]+)"/.exec(home)?.[1];
    assert.ok(articlePath, 'the home page links an article');
    for (const path of ['/', articlePath, '/search?q=story', '/nothing-here-at-all']) {
      const page = await app.text(path);
      for (const [tag] of page.matchAll(/<script\b[^>]*>/g)) {
        assert.ok(/\ssrc="\/[^/]/.test(tag) || /type="application\/ld\+json"/.test(tag), `${path}: ${tag} runs only a site script`);
      }
      assert.doesNotMatch(page, /<style\b/, `${path}: no inline style element`);
      assert.doesNotMatch(page, /\sstyle="/, `${path}: no style attribute`);
      assert.doesNotMatch(page, /\son[a-z]+="/, `${path}: no inline event handler`);
      for (const [, href] of page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) assert.match(href ?? '', /^\/[^/]/, path);
    }
  });

  it('answers 405 with Allow to a method a known path does not take, and 404 where nothing is', async (t) => {
    const app = await startPullApp(t);
    const cases: Array<[string, string, string]> = [
      ['POST', '/', 'GET, HEAD'],
      ['DELETE', '/feed.xml', 'GET, HEAD'],
      ['PUT', '/api/v1/articles', 'GET, HEAD'],
      ['GET', '/ingest/mpa', 'POST'],
      ['GET', '/beacon', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fetch(`${app.base}${path}`, { method, headers: { accept: 'application/json' } });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'LEDE_HTTP_METHOD_NOT_ALLOWED');
      assert.match(error.message, new RegExp(`^${method} ${path.replaceAll('/', '\\/')}: `));
    }
    const nowhere = await fetch(`${app.base}/nothing-here-at-all`, { method: 'POST' });
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.headers.get('allow'), null);
  });
});
