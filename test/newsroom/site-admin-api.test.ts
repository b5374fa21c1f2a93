import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { api, call, login, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';
import { uploadForm } from './media-upload-app.js';

describeEngines('newsroom authors, sections and site look', { migrated: true }, (engine) => {
  it('lets editors write author profiles, with links and an uploaded avatar, shown on /author/{slug}', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const writer = await login(app.base, app.emails.writer);
    const editor = await login(app.base, app.emails.editor);
    const profile = { name: 'Jane Doe', bio: 'Covers the harbour.', links: [{ label: 'Mastodon', href: 'https://social.example/@jane' }] };
    assert.equal((await writer.request('PUT', 'authors/jane-doe', { body: profile })).status, 403);
    assert.equal((await editor.request('PUT', 'authors/Jane Doe', { body: profile })).body.error.field, 'slug');
    const badLink = await editor.request('PUT', 'authors/jane-doe', {
      body: { ...profile, links: [{ label: 'x', href: 'javascript:alert(1)' }] },
    });
    assert.equal(badLink.status, 400);
    assert.equal(badLink.body.error.field, 'links.0.href');
    assert.equal(
      (await editor.request('PUT', 'authors/jane-doe', { body: { ...profile, avatar_media_id: 'nope' } })).body.error.field,
      'avatar_media_id',
    );
    assert.equal((await editor.request('PUT', 'authors/jane-doe', { body: profile })).status, 201);

    const picture = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#884422' } })
      .png()
      .toBuffer();
    const uploaded = await fetch(`${app.base}${api}/media`, {
      method: 'POST',
      body: uploadForm(picture, { alt: 'Jane Doe' }),
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
    });
    const media = (await uploaded.json()) as { id: string };
    const updated = await editor.request('PUT', 'authors/jane-doe', {
      body: { ...profile, bio: 'Covers <b>the harbour</b> & the port.', avatar_media_id: media.id },
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.links, profile.links);
    assert.equal((await writer.request('GET', 'authors/jane-doe')).body.avatar_media_id, media.id);
    await within(2000, 'the author page shows the new bio, avatar and links', async () => {
      const page = await call(app.base, 'GET', '/author/jane-doe');
      return (
        page.status === 200 &&
        page.body.includes('Covers &lt;b&gt;the harbour&lt;/b&gt; &amp; the port.') &&
        page.body.includes(`src="/media/${media.id}"`) &&
        page.body.includes('href="https://social.example/@jane"')
      );
    });
    // The demo loader and ingest write authors without links: the editor's stay.
    await app.store.authors.upsert({ slug: 'jane-doe', name: 'Jane Doe' });
    assert.deepEqual((await app.store.authors.findBySlug('jane-doe'))?.links, profile.links);
    const admin = await login(app.base, app.emails.admin);
    const audit = (await admin.request('GET', 'audit')).body.items.map((e: { action: string }) => e.action);
    assert.deepEqual(
      audit.filter((action: string) => action.startsWith('author.')),
      ['author.update', 'author.add'],
    );
  });

  it('lets admins reorder and rename sections as one list, and shows the site logo and social links', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.sections.upsert({ slug: 'sport', name: 'Sport', position: 2, subjects: ['15000000'] });
    const editor = await login(app.base, app.emails.editor);
    const admin = await login(app.base, app.emails.admin);
    const order = [
      { slug: 'sport', name: 'Sports' },
      { slug: 'world', name: 'World' },
    ];
    assert.equal((await editor.request('PUT', 'sections', { body: order })).status, 403);
    const partial = await admin.request('PUT', 'sections', { body: [order[0]] });
    assert.equal(partial.status, 400);
    assert.match(partial.body.error.message, /missing: world/);
    assert.equal((await admin.request('PUT', 'sections', { body: [order[0], order[0], order[1]] })).body.error.field, 'sections');
    const saved = await admin.request('PUT', 'sections', { body: [...order, { slug: 'culture', name: 'Culture' }] });
    assert.equal(saved.status, 200);
    assert.deepEqual(
      saved.body.items.map((s: { slug: string }) => s.slug),
      ['sport', 'world', 'culture'],
    );
    assert.deepEqual((await app.store.sections.findBySlug('sport'))?.subjects, ['15000000'], 'subjects are kept');

    const social = [{ label: 'Telegram', href: 'https://t.me/valley' }];
    const bad = await admin.request('PUT', 'settings/social', { body: [{ label: '', href: 'https://t.me/valley' }] });
    assert.equal(bad.body.error.field, '0.label');
    assert.equal((await admin.request('PUT', 'settings/social', { body: social })).status, 200);
    assert.equal(
      (await admin.request('PUT', 'settings/site', { body: { name: 'The Valley Courier', logo: '../x' } })).body.error.field,
      'logo',
    );
    assert.equal((await admin.request('PUT', 'settings/site', { body: { name: 'The Valley Courier', logo: 'logo-1' } })).status, 200);
    await within(2000, 'the home page shows the order, names, logo and social links', async () => {
      const home = (await call(app.base, 'GET', '/')).body as string;
      const nav = home.split('aria-label="Sections"')[1] ?? '';
      return (
        /Sports<\/a>.*World<\/a>.*Culture<\/a>/s.test(nav.split('</nav>')[0] ?? '') &&
        home.includes('<img class="site-logo" src="/media/logo-1"') &&
        /<ul class="social-links"><li><a href="https:\/\/t.me\/valley" rel="me noopener">Telegram<\/a>/.test(home)
      );
    });
  });
});
