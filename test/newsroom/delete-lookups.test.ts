import assert from 'node:assert/strict';
import { it } from 'node:test';
import { call, login, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom deletes of sections and authors', { migrated: true }, (engine) => {
  it('lets admins delete a section no story uses, refuses one in use with how many stories, and the site follows', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.sections.upsert({ slug: 'sport', name: 'Sport', position: 2, subjects: [] });
    await app.store.sections.upsert({ slug: 'culture', name: 'Culture', position: 3, subjects: [] });
    const [admin, editor] = [await login(app.base, app.emails.admin), await login(app.base, app.emails.editor)];
    for (const headline of ['Cup final tonight', 'Derby drawn']) {
      const draft = await editor.request('POST', 'stories', { body: { headline, body_html: '<p>Score.</p>', section: 'sport' } });
      assert.equal(draft.status, 201);
    }
    await within(2000, 'the home page links the culture section', async () =>
      ((await call(app.base, 'GET', '/')).body as string).includes('href="/culture/"'),
    );

    assert.equal((await editor.request('DELETE', 'sections/culture')).status, 403, 'sections are for admins');
    assert.equal((await admin.request('DELETE', 'sections/culture', { withoutCsrf: true })).status, 403, 'CSRF is checked');
    const inUse = await admin.request('DELETE', 'sections/sport');
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.error.code, 'LEDE_NEWSROOM_IN_USE');
    assert.match(inUse.body.error.message, /sport: 2 stories are filed under this section/);
    assert.ok(await app.store.sections.findBySlug('sport'), 'a refused delete changes nothing');
    assert.equal((await admin.request('DELETE', 'sections/nowhere')).status, 404);

    assert.equal((await admin.request('DELETE', 'sections/culture')).status, 204);
    assert.equal(await app.store.sections.findBySlug('culture'), undefined);
    assert.deepEqual(
      (await editor.request('GET', 'sections')).body.items.map((s: { slug: string }) => s.slug),
      ['world', 'sport'],
    );
    await within(
      2000,
      'the cached home page drops it (a settings event)',
      async () => !((await call(app.base, 'GET', '/')).body as string).includes('href="/culture/"'),
    );
    const audit = (await admin.request('GET', 'audit')).body.items;
    assert.deepEqual(
      audit.filter((e: { action: string }) => e.action === 'section.delete').map((e: { details: unknown }) => e.details),
      [{ slug: 'culture' }],
      'one audit entry, for the delete that was made',
    );
  });

  it('lets editors delete an author no story credits, refuses one credited with how many stories', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.authors.upsert({ slug: 'jane-doe', name: 'Jane Doe' });
    await app.store.authors.upsert({ slug: 'jane-do', name: 'Jane Do (typo)' });
    const [writer, editor, admin] = [
      await login(app.base, app.emails.writer),
      await login(app.base, app.emails.editor),
      await login(app.base, app.emails.admin),
    ];
    const draft = await writer.request('POST', 'stories', {
      body: { headline: 'Valley mills reopen', body_html: '<p>Mills.</p>', section: 'world', authors: ['jane-doe'] },
    });
    assert.equal(draft.status, 201);

    assert.equal((await writer.request('DELETE', 'authors/jane-do')).status, 403, 'writers may not delete authors');
    const inUse = await editor.request('DELETE', 'authors/jane-doe');
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.error.code, 'LEDE_NEWSROOM_IN_USE');
    assert.match(inUse.body.error.message, /jane-doe: 1 story credits this author/);
    assert.equal((await editor.request('DELETE', 'authors/jane-do')).status, 204);
    assert.equal((await editor.request('GET', 'authors/jane-do')).status, 404);
    assert.equal((await admin.request('DELETE', 'authors/jane-do')).status, 404, 'gone');

    // Once no story credits her (the writer edits her off the draft), the profile can go.
    const edited = await writer.request('PATCH', `stories/${draft.body.id}`, {
      body: { authors: [] },
      headers: { 'if-match': `"${draft.body.version}"` },
    });
    assert.equal(edited.status, 200);
    assert.equal((await admin.request('DELETE', 'authors/jane-doe')).status, 204);
    const audit = (await admin.request('GET', 'audit')).body.items;
    assert.deepEqual(
      audit
        .filter((e: { action: string }) => e.action === 'author.delete')
        .map((e: { details: { slug: string } }) => e.details.slug)
        .sort(),
      ['jane-do', 'jane-doe'],
    );
  });
});
