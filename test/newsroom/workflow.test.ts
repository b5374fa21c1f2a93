import assert from 'node:assert/strict';
import { it } from 'node:test';
import { articlePath } from '../../src/core/urls.js';
import { call, login, startNewsroomApp, within } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';
import { killOf, wireItem } from '../helpers/wire.js';

describeEngines('newsroom workflow', { migrated: true }, (engine) => {
  it('previews a draft as the reader will see it, never cached or indexed, while the site answers 404', async (t) => {
    const app = await startNewsroomApp(t, engine);
    const writer = await login(app.base, app.emails.writer);
    const draft = (
      await writer.request('POST', 'stories', {
        body: { headline: 'Harbour bridge to reopen', body_html: '<p>The bridge reopens on Friday.</p>', section: 'world' },
      })
    ).body;
    const preview = await writer.request('POST', `stories/${draft.id}/preview`);
    assert.equal(preview.status, 200);
    const url = new URL(preview.body.url);
    assert.equal(url.origin, 'http://news.example.test');
    const page = await call(app.base, 'GET', url.pathname);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('The bridge reopens on Friday.'));
    assert.ok(page.body.includes('<meta name="robots" content="noindex">'));
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('x-robots-tag') ?? '', /noindex/);
    const story = await app.store.stories.findById(draft.id);
    assert.equal((await call(app.base, 'GET', articlePath(story!))).status, 404, 'the draft is hidden on the site');
    const forged = `${url.pathname.split('.')[0]}.AAAA`;
    assert.equal((await call(app.base, 'GET', forged)).status, 404, 'a token with a wrong signature shows nothing');
  });

  it('publishes a scheduled story at its time through the embargo release', async (t) => {
    const app = await startNewsroomApp(t, engine);
    // The scheduler of `lede serve`, with its embargo release every second.
    app.app.scheduler.start();
    const editor = await login(app.base, app.emails.editor);
    const draft = (
      await editor.request('POST', 'stories', {
        body: { headline: 'Night train timetable announced', body_html: '<p>Trains run from May.</p>', section: 'world' },
      })
    ).body;
    const past = await editor.request('POST', `stories/${draft.id}/schedule`, { body: { at: new Date(Date.now() - 1000).toISOString() } });
    assert.equal(past.status, 400);
    assert.equal(past.body.error.field, 'at');
    const at = new Date(Date.now() + 1500).toISOString();
    const scheduled = await editor.request('POST', `stories/${draft.id}/schedule`, { body: { at } });
    assert.equal(scheduled.body.state, 'scheduled');
    assert.equal(scheduled.body.scheduled_at, at);
    await within(6000, 'the scheduler publishes it', async () => (await app.store.stories.findById(draft.id))?.state === 'published');
    const story = await app.store.stories.findById(draft.id);
    assert.equal(story?.publishedAt, at, 'it counts as first published at its scheduled time');
    await within(2000, 'the article page shows it', async () => (await call(app.base, 'GET', articlePath(story!))).status === 200);
  });

  it('holds agency copy in the wire queue: spike, unspike, publish; later versions flagged, kills applied', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.sources.upsert({ slug: 'mpa', name: 'Meridian Press', shortName: 'MPA', kind: 'agency', publishRule: 'hold' });
    const first = wireItem({ urgency: 2 });
    const second = wireItem({ urgency: 4 });
    const [held] = await app.app.services.pipeline.ingestItems([first, second], { source: 'mpa' });
    const editor = await login(app.base, app.emails.editor);
    const writer = await login(app.base, app.emails.writer);

    assert.deepEqual(
      (await writer.request('GET', 'sources')).body.items.map((s: { slug: string }) => s.slug),
      ['mpa'],
    );
    assert.equal((await writer.request('GET', 'sections')).body.items[0].slug, 'world');
    const queue = (await editor.request('GET', 'wire?source=mpa')).body.items;
    assert.deepEqual(
      queue.map((i: { state: string }) => i.state),
      ['held', 'held'],
    );
    assert.deepEqual(
      (await editor.request('GET', 'wire?urgency=2')).body.items.map((i: { id: string }) => i.id),
      [held?.id],
    );
    assert.equal((await writer.request('POST', `wire/${held?.id}/publish`)).status, 403, 'a writer may not publish');

    assert.equal((await editor.request('POST', `wire/${held?.id}/spike`)).body.state, 'spiked');
    assert.equal((await editor.request('GET', 'wire')).body.items.length, 1, 'a spiked item leaves the queue');
    assert.equal((await editor.request('GET', 'wire?status=spiked')).body.items[0].id, held?.id);
    assert.equal((await editor.request('POST', `wire/${held?.id}/unspike`)).body.state, 'held');

    // An editor edits the agency copy, then publishes it.
    const item = (await editor.request('GET', `stories/${held?.id}`)).body;
    const edited = await editor.request('PATCH', `stories/${held?.id}`, {
      body: { headline: 'Keepers strike for two days' },
      headers: { 'if-match': `"${item.version}"` },
    });
    assert.equal(edited.body.editor_edited, true);
    const published = await editor.request('POST', `wire/${held?.id}/publish`);
    assert.equal(published.body.state, 'published');
    await within(
      2000,
      'the article is on the site',
      async () => (await call(app.base, 'GET', new URL(published.body.url).pathname)).status === 200,
    );

    // The agency's next version keeps the editor's copy and is flagged; its kill applies.
    await app.app.services.pipeline.ingestItems([{ ...first, version: '2' }], { source: 'mpa' });
    const flagged = (await editor.request('GET', 'wire?status=all&source=mpa')).body.items.find((i: { id: string }) => i.id === held?.id);
    assert.equal(flagged.headline, 'Keepers strike for two days');
    assert.equal(flagged.wire_update_pending, true);
    assert.equal(flagged.agency_versions, 2);
    await app.app.services.pipeline.ingestItems([killOf(first, '3')], { source: 'mpa' });
    const killed = (await editor.request('GET', `stories/${held?.id}`)).body;
    assert.equal(killed.state, 'killed');
    await within(
      2000,
      'the article answers 410',
      async () => (await call(app.base, 'GET', new URL(published.body.url).pathname)).status === 410,
    );
    assert.equal((await app.store.verify()).problems.length, 0, JSON.stringify((await app.store.verify()).problems));
  });
});
