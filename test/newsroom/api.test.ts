import assert from 'node:assert/strict';
import { it } from 'node:test';
import { call, login, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

const hostile =
  '<p onclick="steal()">Rain fell on the <a href="javascript:alert(1)">valley</a>.</p><script>alert(1)</script>' +
  '<style>body{display:none}</style><p><img src="https://img.example/x.jpg" onerror="steal()" alt="x"></p>';

describeEngines('newsroom admin API end to end', { migrated: true }, (engine) => {
  it('drafts, refuses, publishes, locks, restores and kills a story as DESIGN.md says', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const writer = await login(app.base, app.emails.writer);
    const editor = await login(app.base, app.emails.editor);

    // A writer drafts with hostile HTML in the body: it is stored sanitised.
    const created = await writer.request('POST', 'stories', {
      body: { headline: 'Flood waters rise in the valley', body_html: hostile, section: 'world', tags: ['floods'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const story = created.body;
    assert.equal(story.state, 'draft');
    assert.equal(story.version, 1);
    assert.equal(story.url, undefined);
    for (const bad of ['<script', '<style', 'onclick', 'onerror', 'javascript:', 'steal()', 'display:none']) {
      assert.ok(!story.body_html.includes(bad), `${bad} is not stored: ${story.body_html}`);
    }
    assert.match(story.body_html, /Rain fell on the <a>valley<\/a>/);
    const stored = await app.store.stories.findById(story.id);
    assert.ok(stored && !stored.bodyHtml.includes('script'), 'the stored body is the sanitised one');

    // The writer's publish is refused; so is an editor's publish without the CSRF token.
    const byWriter = await writer.request('POST', `stories/${story.id}/publish`);
    assert.equal(byWriter.status, 403);
    assert.equal(byWriter.body.error.code, 'LEDE_AUTH_FORBIDDEN');
    const noCsrf = await editor.request('POST', `stories/${story.id}/publish`, { withoutCsrf: true });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.body.error.code, 'LEDE_AUTH_CSRF');
    assert.equal((await app.store.stories.findById(story.id))?.state, 'draft', 'nothing was published');
    assert.equal((await call(app.base, 'POST', `stories/${story.id}/publish`)).status, 401, 'no session: 401');

    // The writer submits; the editor publishes, and the story reaches the home and article pages.
    assert.equal((await writer.request('POST', `stories/${story.id}/submit`)).body.state, 'review');
    assert.ok(!(await call(app.base, 'GET', '/')).body.includes('Flood waters rise'), 'the home page is cached without it');
    const published = await editor.request('POST', `stories/${story.id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.state, 'published');
    const url = new URL(published.body.url);
    assert.match(url.pathname, /^\/world\/\d{4}\/\d{2}\/\d{2}\/flood-waters-rise-in-the-valley$/);
    await within(2000, 'the home page shows the story', async () => (await call(app.base, 'GET', '/')).body.includes('Flood waters rise'));
    const article = await call(app.base, 'GET', url.pathname);
    assert.equal(article.status, 200);
    assert.ok(article.body.includes('Rain fell on the'));
    assert.ok(!article.body.includes('steal()'));

    // PATCH needs If-Match: missing 428, stale 412, current 200 with a correction note.
    const version = published.body.version;
    const noMatch = await editor.request('PATCH', `stories/${story.id}`, { body: { headline: 'Flood waters recede' } });
    assert.equal(noMatch.status, 428);
    const stale = await editor.request('PATCH', `stories/${story.id}`, {
      body: { headline: 'Flood waters recede' },
      headers: { 'if-match': `"${version - 1}"` },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.error.code, 'LEDE_STORY_REVISION_STALE');
    const missing = await editor.request('PATCH', 'stories/no-such-story', { body: { headline: 'X' }, headers: { 'if-match': '"1"' } });
    assert.equal(missing.status, 404);
    const badField = await editor.request('PATCH', `stories/${story.id}`, {
      body: { headline: '' },
      headers: { 'if-match': `"${version}"` },
    });
    assert.equal(badField.status, 400);
    assert.deepEqual(badField.body.error, { code: 'LEDE_NEWSROOM_INVALID', message: 'headline: must not be empty', field: 'headline' });
    const patched = await editor.request('PATCH', `stories/${story.id}`, {
      body: { headline: 'Flood waters recede', correction: 'An earlier version said the waters were rising.' },
      headers: { 'if-match': `"${version}"` },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.version, version + 1);
    assert.equal(patched.headers.get('etag'), `"${version + 1}"`);
    assert.equal(patched.body.url, published.body.url, 'a published story keeps its address');
    assert.deepEqual(
      patched.body.corrections.map((c: { text: string }) => c.text),
      ['An earlier version said the waters were rising.'],
    );

    // Revisions are listed newest first, and an earlier one is restored as a new revision.
    const revisions = (await editor.request('GET', `stories/${story.id}/revisions`)).body.revisions;
    assert.deepEqual(
      revisions.map((r: { revision: number }) => r.revision),
      [4, 3, 2, 1],
    );
    assert.equal(revisions[3].headline, 'Flood waters rise in the valley');
    assert.equal(revisions[0].by, editor.user.id);
    const restored = await editor.request('POST', `stories/${story.id}/revisions/1/restore`);
    assert.equal(restored.status, 200, JSON.stringify(restored.body));
    assert.equal(restored.body.headline, 'Flood waters rise in the valley');
    assert.equal(restored.body.version, 5);
    assert.equal(restored.body.state, 'published', 'restoring content keeps the state');

    // A kill answers 410 on the article page.
    assert.equal((await editor.request('POST', `stories/${story.id}/kill`)).body.state, 'killed');
    await within(2000, 'the article answers 410', async () => (await call(app.base, 'GET', url.pathname)).status === 410);

    // The audit log (admins only) has each step, with who did it.
    assert.equal((await editor.request('GET', 'audit')).status, 403);
    const admin = await login(app.base, app.emails.admin);
    const audit = (await admin.request('GET', `audit?story=${story.id}`)).body.items;
    assert.deepEqual(audit.map((e: { action: string }) => e.action).reverse(), [
      'story.create',
      'story.submit',
      'story.publish',
      'story.update',
      'story.restore',
      'story.kill',
    ]);
    assert.equal((await app.store.verify()).problems.length, 0, 'lede verify finds the history consistent');
  });

  it('limits failed logins: the sixth for one account answers 429 with Retry-After', async (t) => {
    const app = await startNewsroomApp(t, engine);
    for (let i = 0; i < 5; i++) {
      const answer = await call(app.base, 'POST', 'session', { body: { email: app.emails.writer, password: 'wrong password' } });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'LEDE_AUTH_LOGIN_FAILED');
    }
    const limited = await call(app.base, 'POST', 'session', { body: { email: app.emails.writer, password: 'correct horse battery' } });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'LEDE_AUTH_RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${retryAfter} s is the rest of the 15 minutes`);
    // Another account from the same address still signs in (20 per address).
    assert.equal((await login(app.base, app.emails.editor)).user.role, 'editor');
  });
});
