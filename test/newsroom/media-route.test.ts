import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { api, login, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';
import { uploadForm } from './media-upload-app.js';

const photo = () =>
  sharp({ create: { width: 1400, height: 800, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .toBuffer();

describeEngines('newsroom POST media', { migrated: true }, (engine) => {
  it('takes a signed-in writer’s picture with the CSRF token, and the story using it shows its renditions', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const writer = await login(app.base, app.emails.writer);
    const editor = await login(app.base, app.emails.editor);
    const post = (headers: Record<string, string>) =>
      fetch(`${app.base}${api}/media`, { method: 'POST', body: uploadForm(Buffer.from([])), headers });

    assert.equal((await post({})).status, 401, 'no session');
    const noCsrf = await post({ cookie: writer.cookie });
    assert.equal(noCsrf.status, 403);
    assert.equal(((await noCsrf.json()) as { error: { code: string } }).error.code, 'LEDE_AUTH_CSRF');

    const uploaded = await fetch(`${app.base}${api}/media`, {
      method: 'POST',
      body: uploadForm(await photo(), { alt: 'A calm blue sea', caption: 'The bay at noon.', credit: 'Staff' }),
      headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf },
    });
    assert.equal(uploaded.status, 201);
    const media = (await uploaded.json()) as { id: string; width: number; height: number; renditions: unknown[] };
    assert.deepEqual([media.width, media.height], [1400, 800]);
    assert.equal(media.renditions.length, 6 * 3);

    const created = await writer.request('POST', 'stories', {
      body: { headline: 'The bay is calm again', body_html: '<p>Boats are out.</p>', section: 'world', hero: { media_id: media.id } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const published = await editor.request('POST', `stories/${created.body.id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const page = await (await fetch(published.body.url.replace(/^https?:\/\/[^/]+/, app.base))).text();
    assert.match(page, new RegExp(`<source type="image/avif" srcset="/media/${media.id}/r1-320\\.avif 320w, `));
    assert.match(page, /alt="A calm blue sea" loading="eager" fetchpriority="high"/);
    const rendition = await fetch(`${app.base}/media/${media.id}/r1-1400.webp`);
    assert.equal(rendition.status, 200);
    assert.equal(rendition.headers.get('content-type'), 'image/webp');

    // The newsroom's 8 MiB body limit for JSON does not cut an upload short: a file over 25 MB gets the upload's own 413.
    const big = await fetch(`${app.base}${api}/media`, {
      method: 'POST',
      body: uploadForm(Buffer.alloc(25 * 1024 * 1024 + 1, 7), { alt: 'x' }),
      headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf },
    });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'LEDE_MEDIA_TOO_LARGE');
  });
});
