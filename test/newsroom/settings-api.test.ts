import assert from 'node:assert/strict';
import { it } from 'node:test';
import { login, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom settings API', { migrated: true }, (engine) => {
  it('lets admins read and set catalogue settings, validated, with secrets masked and kept', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const editor = await login(app.base, app.emails.editor);
    assert.equal((await editor.request('GET', 'settings')).status, 403);
    assert.equal((await editor.request('PUT', 'settings/site', { body: { name: 'Mine' } })).status, 403);

    const admin = await login(app.base, app.emails.admin);
    const list = (await admin.request('GET', 'settings')).body.items;
    assert.ok(list.some((s: { key: string; origin: string }) => s.key === 'callouts' && s.origin === 'default'));
    assert.equal((await admin.request('GET', 'settings/nope')).status, 404);

    const bad = await admin.request('PUT', 'settings/callouts', {
      body: [{ text: 'Join', href: 'javascript:alert(1)', afterParagraph: 1 }],
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'LEDE_SETTINGS_INVALID');
    assert.equal(bad.body.error.field, '0.href');
    const good = await admin.request('PUT', 'settings/site', { body: { name: 'The Valley Courier' } });
    assert.equal(good.status, 200);
    assert.equal(good.body.value.name, 'The Valley Courier');
    assert.equal(good.body.origin, 'stored');

    await admin.request('PUT', 'settings/telegram', { body: { botToken: '123:secret-token', chatId: '@valley' } });
    const shown = (await admin.request('GET', 'settings/telegram')).body;
    assert.equal(shown.value.botToken, '***');
    const moved = await admin.request('PUT', 'settings/telegram', { body: { ...shown.value, chatId: '@valley_news' } });
    assert.equal(moved.status, 200);
    assert.deepEqual(await app.store.settings.get('telegram'), { botToken: '123:secret-token', chatId: '@valley_news' });
    const audit = (await admin.request('GET', 'audit')).body.items.filter((e: { action: string }) => e.action === 'settings.set');
    assert.deepEqual(
      audit.map((e: { details: { key: string } }) => e.details.key),
      ['telegram', 'telegram', 'site'],
    );
  });
});
