import assert from 'node:assert/strict';
import { it } from 'node:test';
import { login, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';
import { wireItem } from '../helpers/wire.js';

const body = '<p>A long body that only the story itself carries.</p>';
const fullOnly = ['body_html', 'standfirst', 'hero', 'corrections', 'tags'];

describeEngines('newsroom list answers', { migrated: true }, (engine) => {
  it('lists stories and search results without their bodies; the story itself has the whole item', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.authors.upsert({ slug: 'ada', name: 'Ada Byron' });
    const editor = await login(app.base, app.emails.editor);
    const created = await editor.request('POST', 'stories', {
      body: { headline: 'Lighthouse keepers vote', body_html: body, section: 'world', standfirst: 'A vote.', authors: ['ada'] },
    });
    assert.equal(created.status, 201);
    await editor.request('POST', `stories/${created.body.id}/publish`);
    for (const path of ['stories', 'stories?q=lighthouse', 'stories?state=published']) {
      const list = await editor.request('GET', path);
      assert.equal(list.status, 200);
      const [entry] = list.body.items;
      assert.equal(entry.id, created.body.id, path);
      for (const field of fullOnly) assert.equal(field in entry, false, `${path}: no ${field} in a list entry`);
      assert.equal(entry.headline, 'Lighthouse keepers vote');
      assert.equal(entry.state, 'published');
      assert.equal(entry.section, 'world');
      assert.equal(entry.version, 2);
      assert.deepEqual(entry.authors, ['ada']);
      assert.match(entry.url, /^http:\/\/news\.example\.test\/world\/\d{4}\/\d\d\/\d\d\/lighthouse-keepers-vote$/);
      assert.ok(!JSON.stringify(list.body).includes('only the story itself'), `${path}: the body is not in the answer`);
    }
    const one = await editor.request('GET', `stories/${created.body.id}`);
    assert.equal(one.body.body_html, body);
    assert.equal(one.body.standfirst, 'A vote.');
  });

  it('lists the wire queue without bodies; GET wire/{id} gives the whole item for the preview', async (t) => {
    const app = await startNewsroomApp(t, engine);
    await app.store.sources.upsert({ slug: 'mpa', name: 'Meridian Press', shortName: 'MPA', kind: 'agency', publishRule: 'hold' });
    const item = wireItem({ urgency: 3 });
    const [held] = await app.app.services.pipeline.ingestItems([item], { source: 'mpa' });
    const editor = await login(app.base, app.emails.editor);
    const [entry] = (await editor.request('GET', 'wire?source=mpa')).body.items;
    assert.equal(entry.id, held?.id);
    for (const field of fullOnly) assert.equal(field in entry, false, `no ${field} in a wire list entry`);
    assert.deepEqual([entry.source, entry.urgency, entry.state, entry.agency_versions], ['mpa', 3, 'held', 1]);
    const full = await editor.request('GET', `wire/${held?.id}`);
    assert.equal(full.status, 200);
    assert.ok(full.body.body_html.length > 0, 'the preview has the body');
    assert.equal(full.body.agency_versions, 1);
    const own = await editor.request('POST', 'stories', { body: { headline: 'Ours', body_html: body, section: 'world' } });
    assert.equal((await editor.request('GET', `wire/${own.body.id}`)).status, 404, "the newsroom's own story is not a wire item");
  });
});
