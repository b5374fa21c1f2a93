import assert from 'node:assert/strict';
import { it } from 'node:test';
import { pictureFile } from '../browser/picture-file.js';
import { api, login, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';

describeEngines('newsroom media library', { migrated: true }, (engine) => {
  it('lists uploaded pictures with their texts, searches them, and lets editors fix caption, credit and alt', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const writer = await login(app.base, app.emails.writer);
    const editor = await login(app.base, app.emails.editor);
    const picture = await pictureFile();
    const form = new FormData();
    form.append('alt', 'The morning ferry leaving the harbour');
    form.append('caption', 'The 7:10 ferry');
    form.append('credit', 'Staff');
    form.append('file', new Blob([new Uint8Array(picture.buffer)], { type: picture.mimeType }), picture.name);
    const uploaded = await fetch(`${app.base}${api}/media`, {
      method: 'POST',
      headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf },
      body: form,
    });
    assert.equal(uploaded.status, 201);
    const { id } = (await uploaded.json()) as { id: string };

    const listed = await writer.request('GET', 'media');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items, [
      {
        id,
        width: 1200,
        height: 800,
        url: `/media/${id}`,
        alt: 'The morning ferry leaving the harbour',
        caption: 'The 7:10 ferry',
        credit: 'Staff',
        byline: null,
        source: null,
      },
    ]);
    assert.equal((await writer.request('GET', 'media?q=FERRY')).body.items.length, 1, 'search ignores case');
    assert.equal((await writer.request('GET', 'media?q=lighthouse')).body.items.length, 0);
    assert.equal((await writer.request('GET', 'media?q=100%25')).body.items.length, 0, 'a % is literal');
    assert.equal((await writer.request('GET', 'media?limit=0')).body.error.field, 'limit');

    assert.equal((await writer.request('PATCH', `media/${id}`, { body: { caption: 'x' } })).status, 403, 'writers upload, editors edit');
    const noAlt = await editor.request('PATCH', `media/${id}`, { body: { alt: '  ' } });
    assert.deepEqual([noAlt.status, noAlt.body.error.field], [400, 'alt']);
    assert.equal((await editor.request('PATCH', `media/${id}`, { body: { colour: 'red' } })).body.error.field, 'colour');
    const edited = await editor.request('PATCH', `media/${id}`, { body: { caption: 'The 7:10 ferry to Portvale', credit: '' } });
    assert.equal(edited.status, 200);
    assert.deepEqual(
      [edited.body.caption, edited.body.credit, edited.body.alt],
      ['The 7:10 ferry to Portvale', null, 'The morning ferry leaving the harbour'],
    );
    assert.equal((await editor.request('PATCH', 'media/nope', { body: { caption: 'x' } })).status, 404);
  });
});
