import assert from 'node:assert/strict';
import { it } from 'node:test';
import { call, login, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom static pages and redirects', { migrated: true }, (engine) => {
  it('publishes a static page at /page/{slug}, sanitised, updated and deleted by editors only', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const writer = await login(app.base, app.emails.writer);
    const editor = await login(app.base, app.emails.editor);
    const body = { title: 'About us', body_html: '<p onmouseover="x()">We report on the valley.</p><script>x()</script>' };
    assert.equal((await writer.request('PUT', 'pages/about', { body })).status, 403);
    assert.equal((await call(app.base, 'GET', '/page/about')).status, 404, 'no page yet (and cached as such)');
    const bad = await editor.request('PUT', 'pages/About Us', { body });
    assert.equal(bad.body.error.field, 'slug');
    const saved = await editor.request('PUT', 'pages/about', { body });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.body_html, '<p>We report on the valley.</p>');
    await within(2000, 'the page is on the site', async () => {
      const page = await call(app.base, 'GET', '/page/about');
      return page.status === 200 && page.body.includes('We report on the valley.') && !page.body.includes('x()');
    });
    await editor.request('PUT', 'pages/about', { body: { title: 'About the Courier', body_html: '<p>Since 1921.</p>' } });
    await within(2000, 'the change is on the site', async () => (await call(app.base, 'GET', '/page/about')).body.includes('Since 1921.'));
    const footer = (await call(app.base, 'GET', '/')).body.split('<footer class="site-footer"')[1] ?? '';
    assert.match(footer, /<a href="\/page\/about">[^<]+<\/a>/, 'the footer links a page that exists');
    assert.deepEqual(
      (await writer.request('GET', 'pages')).body.items.map((p: { slug: string }) => p.slug),
      ['about'],
    );
    assert.equal((await editor.request('DELETE', 'pages/about')).status, 204);
    assert.equal((await editor.request('DELETE', 'pages/about')).status, 404);
    await within(2000, 'the page is gone', async () => (await call(app.base, 'GET', '/page/about')).status === 404);
    assert.ok(!(await call(app.base, 'GET', '/')).body.includes('href="/page/about"'), 'and so is its footer link');
  });

  it('answers 301 for a redirected address until the redirect is removed', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const editor = await login(app.base, app.emails.editor);
    const old = '/2019/05/old-wordpress-post/';
    assert.equal((await call(app.base, 'GET', old)).status, 404);
    const twoSlashes = await editor.request('POST', 'redirects', { body: { from: '//evil.example/x', to: '/' } });
    assert.equal(twoSlashes.body.error.field, 'from');
    const badTarget = await editor.request('POST', 'redirects', { body: { from: '/x', to: 'javascript:alert(1)' } });
    assert.equal(badTarget.body.error.field, 'to');
    const added = await editor.request('POST', 'redirects', { body: { from: old, to: '/page/about' } });
    assert.equal(added.status, 201);
    await within(2000, 'the old address redirects', async () => {
      const answer = await call(app.base, 'GET', old);
      return answer.status === 301 && answer.headers.get('location') === '/page/about';
    });
    assert.equal((await editor.request('GET', 'redirects')).body.items[0].from, old);
    assert.equal((await editor.request('DELETE', `redirects?from=${encodeURIComponent(old)}`)).status, 204);
    await within(2000, 'the old address is 404 again', async () => (await call(app.base, 'GET', old)).status === 404);
  });
});
