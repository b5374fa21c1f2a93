import assert from 'node:assert/strict';
import { it } from 'node:test';
import { systemClock } from '../../src/core/clock.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import { totpCode } from '../../src/newsroom/auth/totp.js';
import { call, login, password, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom sign-in, CSRF and tokens', { migrated: true }, (engine) => {
  it('sets an HttpOnly, SameSite=Lax session cookie and checks X-CSRF-Token on every state change', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const answer = await call(app.base, 'POST', 'session', { body: { email: 'EDITOR@example.test', password } });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body.user).sort(), ['email', 'id', 'name', 'role', 'totp_enabled']);
    const cookie = answer.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^lede_session=[\w-]{40,}; Path=\/newsroom; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    assert.ok(!cookie.includes('Secure'), 'plain HTTP: not Secure');
    const behindTls = await call(app.base, 'POST', 'session', {
      body: { email: app.emails.editor, password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    // Without LEDE_TRUST_PROXY the forwarded header is not believed.
    assert.ok(!(behindTls.headers.get('set-cookie') ?? '').includes('Secure'));

    const editor = await login(app.base, app.emails.editor);
    const body = { headline: 'Tide tables', body_html: '<p>High water at noon.</p>', section: 'world' };
    assert.equal((await editor.request('POST', 'stories', { body, withoutCsrf: true })).status, 403);
    const wrong = await editor.request('POST', 'stories', { body, withoutCsrf: true, headers: { 'x-csrf-token': `${editor.csrf}x` } });
    assert.equal(wrong.body.error.code, 'LEDE_AUTH_CSRF');
    assert.equal((await editor.request('GET', 'stories', { withoutCsrf: true })).status, 200, 'reads need no token');
    assert.equal((await editor.request('POST', 'stories', { body })).status, 201);
    const unknown = await editor.request('GET', 'no-such-endpoint');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'LEDE_HTTP_NOT_FOUND');
    assert.equal((await call(app.base, 'GET', 'no-such-endpoint')).status, 401, 'nothing is told before signing in');
    const broken = await call(app.base, 'POST', 'stories', {
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' },
    });
    assert.equal(broken.status, 400, 'an empty JSON body is a bad request');
    const session = await editor.request('GET', 'session');
    assert.equal(session.body.csrf_token, editor.csrf, 'the client can read its token again after a reload');
    assert.equal(session.headers.get('cache-control'), 'no-store');
  });

  it('marks the session cookie Secure when the site is served over HTTPS', async (t) => {
    const app = await startNewsroomApp(t, engine, { env: { LEDE_PUBLIC_URL: 'https://news.example.test' } });
    const answer = await call(app.base, 'POST', 'session', { body: { email: app.emails.writer, password } });
    assert.match(answer.headers.get('set-cookie') ?? '', /; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
  });

  it('takes a bearer token instead of cookie and CSRF token, and refuses a wrong one', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const { token } = await createAccounts({ store: app.store, clock: systemClock }).addToken(app.emails.editor);
    const headers = { authorization: `Bearer ${token}` };
    const created = await call(app.base, 'POST', 'stories', {
      body: { headline: 'Ferry strike ends', body_html: '<p>Boats run again.</p>', section: 'world' },
      headers,
    });
    assert.equal(created.status, 201);
    assert.equal((await call(app.base, 'POST', `stories/${created.body.id}/publish`, { headers })).body.state, 'published');
    const wrong = await call(app.base, 'GET', 'stories', { headers: { authorization: 'Bearer lede_nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'LEDE_AUTH_REQUIRED');
    const rows = await app.store.audit.list({ storyId: created.body.id, limit: 10 });
    assert.deepEqual(
      rows.map((r) => r.action),
      ['story.publish', 'story.create'],
    );
  });

  it('logs out one session, and everywhere', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const here = await login(app.base, app.emails.writer);
    const there = await login(app.base, app.emails.writer);
    const out = await here.request('DELETE', 'session');
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /lede_session=; .*Max-Age=0/);
    assert.equal((await here.request('GET', 'session')).status, 401);
    assert.equal((await there.request('GET', 'session')).status, 200);
    const third = await login(app.base, app.emails.writer);
    assert.equal((await third.request('POST', 'session/logout-everywhere')).body.sessions_ended, 2);
    assert.equal((await there.request('GET', 'session')).status, 401);
    assert.equal((await third.request('GET', 'session')).status, 401);
  });

  it('signs in with a TOTP code once two-factor sign-in is on, and makes admins set it up when the setting says so', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.settings.set('newsroom', { requireAdminTotp: true });
    const admin = await login(app.base, app.emails.admin);
    const refused = await admin.request('GET', 'users');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'LEDE_AUTH_TOTP_REQUIRED');
    const setup = await admin.request('POST', 'session/totp');
    assert.match(setup.body.otpauth_uri, /^otpauth:\/\/totp\//);
    const badCode = await admin.request('POST', 'session/totp/enable', { body: { code: '000000' } });
    assert.equal(badCode.body.error?.field, 'code');
    const code = totpCode(setup.body.secret, new Date());
    assert.equal((await admin.request('POST', 'session/totp/enable', { body: { code } })).body.totp_enabled, true);
    assert.equal((await admin.request('GET', 'users')).status, 200, 'set up: the admin may work');

    const withoutCode = await call(app.base, 'POST', 'session', { body: { email: app.emails.admin, password } });
    assert.equal(withoutCode.status, 401);
    assert.equal(withoutCode.body.error.code, 'LEDE_AUTH_TOTP_REQUIRED');
    const wrongCode = await call(app.base, 'POST', 'session', { body: { email: app.emails.admin, password, totp: '123456' } });
    assert.equal(wrongCode.body.error.code, 'LEDE_AUTH_LOGIN_FAILED');
    const good = await call(app.base, 'POST', 'session', {
      body: { email: app.emails.admin, password, totp: totpCode(setup.body.secret, new Date()) },
    });
    assert.equal(good.status, 200);
    // An editor needs none: the setting is for admins.
    assert.equal((await login(app.base, app.emails.editor)).user.role, 'editor');
  });

  it('lets only admins list and add users and reset a password, which ends the sessions of the old one', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const editor = await login(app.base, app.emails.editor);
    assert.equal((await editor.request('GET', 'users')).status, 403);
    const admin = await login(app.base, app.emails.admin);
    const invalid = await admin.request('POST', 'users', { body: { email: 'not-an-address', name: 'X', role: 'writer', password } });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.field, 'email');
    const badRole = await admin.request('POST', 'users', { body: { email: 'new@example.test', name: 'X', role: 'owner', password } });
    assert.equal(badRole.body.error.field, 'role');
    const added = await admin.request('POST', 'users', {
      body: { email: 'new@example.test', name: 'New Writer', role: 'writer', password },
    });
    assert.equal(added.status, 201);
    const again = await admin.request('POST', 'users', { body: { email: 'New@example.test', name: 'Twice', role: 'writer', password } });
    assert.equal(again.status, 409);
    assert.equal((await admin.request('GET', 'users')).body.users.length, 4);

    const writer = await login(app.base, 'new@example.test');
    const short = await admin.request('POST', `users/${added.body.user.id}/password`, { body: { password: 'short' } });
    assert.equal(short.body.error.field, 'password');
    assert.equal(
      (await admin.request('POST', `users/${added.body.user.id}/password`, { body: { password: 'a new long password' } })).status,
      204,
    );
    assert.equal((await writer.request('GET', 'session')).status, 401, 'the old session ended');
    assert.equal((await login(app.base, 'new@example.test', 'a new long password')).user.role, 'writer');
  });

  it('limits one address to 20 failed logins, whichever accounts they name', async (t) => {
    const app = await startNewsroomApp(t, engine);
    for (let i = 0; i < 20; i++) {
      const answer = await call(app.base, 'POST', 'session', { body: { email: `nobody${i}@example.test`, password: 'wrong password' } });
      assert.equal(answer.status, 401);
    }
    const limited = await call(app.base, 'POST', 'session', { body: { email: app.emails.editor, password } });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
