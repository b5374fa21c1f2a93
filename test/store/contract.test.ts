import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { it } from 'node:test';
import { promisify } from 'node:util';
import { isLedeError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { sanitized } from '../helpers/body.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

const run = promisify(execFile);

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

// On an empty database: these tests are about migrating it.
describeEngines('store migrations', (engine) => {
  it('applies migrations once and again without harm', async (t) => {
    const store = await open(engine, t);
    await store.migrate();
    assert.equal(await store.stories.count(), 0);
  });

  it('applies each migration exactly once when two processes start together', async (t) => {
    const script = `import { openStore } from ${JSON.stringify(new URL('../../src/store/open.ts', import.meta.url).href)};
      const store = await openStore({ url: process.argv[1], searchPath: process.argv[2] || undefined });
      await store.migrate();
      await store.close();`;
    const migrate = () =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, engine.url, engine.searchPath ?? ''], {
        timeout: 60_000,
      });
    await Promise.all([migrate(), migrate()]);
    const store = await open(engine, t);
    await putStory(store, makeStory());
    assert.equal(await store.stories.count(), 1);
  });
});

describeEngines('store contract', { migrated: true }, (engine) => {
  it('saves a story and reads it back by id, uri and slug', async (t) => {
    const store = await open(engine, t);
    const story = makeStory({
      tags: ['Energy', 'Climate'],
      authorSlugs: ['jane'],
      section: 'world',
      hero: { mediaId: 'm1', width: 1600, height: 900, caption: 'c' },
    });
    await putStory(store, story);
    assert.deepEqual(await store.stories.findById(story.id), { ...story, revision: 1 });
    assert.equal((await store.stories.findByUri('mpa', story.uri))?.id, story.id);
    assert.equal((await store.stories.findByUri('other-source', story.uri))?.id, undefined);
    assert.equal((await store.stories.findBySlug(story.slug))?.id, story.id);
    assert.deepEqual(await store.stories.findTag('energy'), { slug: 'energy', name: 'Energy' });
  });

  it('still finds a story by its former slug after the headline changed', async (t) => {
    const store = await open(engine, t);
    const story = makeStory({ slug: 'old-words' });
    await putStory(store, story);
    await putStory(store, { ...story, slug: 'new-words', headline: 'New words' });
    assert.equal((await store.stories.findBySlug('old-words'))?.slug, 'new-words');
  });

  it('writes only what changed when the caller passes the stored story as previous', async (t) => {
    const store = await open(engine, t);
    const first = makeStory({ headline: 'Harbour bridge reopens', slug: 'harbour-bridge', tags: ['Transport'], authorSlugs: ['jane'] });
    await putStory(store, first);
    const hits = async (q: string) => (await store.search.query({ q, limit: 10 })).hits.map((h) => h.story.id);
    assert.deepEqual(await hits('harbour'), [first.id]);

    // Same tags, authors and slug: kept; a new body is searchable at once, the old one is not.
    const update = { ...first, version: '2', bodyHtml: sanitized('<p>Cyclists welcomed the widened lanes.</p>') };
    await putStory(store, update);
    const ids = async (q: Parameters<Store['stories']['listPublished']>[0]) =>
      (await store.stories.listPublished(q)).stories.map((s) => s.id);
    assert.deepEqual(await ids({ limit: 10, tag: 'transport' }), [first.id]);
    assert.deepEqual(await ids({ limit: 10, author: 'jane' }), [first.id]);
    assert.deepEqual(await hits('cyclists'), [first.id]);
    assert.deepEqual(await hits('harbour'), [first.id], 'the headline is still indexed, once');

    // Changed tags and authors replace the old ones; a new slug keeps the former one working.
    const retagged = { ...update, version: '3', tags: ['Cycling'], authorSlugs: ['john'], slug: 'bridge-lanes' };
    await putStory(store, retagged);
    assert.deepEqual(await ids({ limit: 10, tag: 'transport' }), []);
    assert.deepEqual(await ids({ limit: 10, tag: 'cycling' }), [first.id]);
    assert.deepEqual(await ids({ limit: 10, author: 'jane' }), []);
    assert.deepEqual(await ids({ limit: 10, author: 'john' }), [first.id]);
    assert.equal((await store.stories.findBySlug('harbour-bridge'))?.slug, 'bridge-lanes');

    // Withheld: out of search even though nothing else changed.
    const withheld = { ...retagged, version: '4', state: 'withheld' as const, pubstatus: 'withheld' as const };
    await putStory(store, withheld);
    assert.deepEqual(await hits('cyclists'), []);
  });

  it('lists only published stories, newest first, filtered and paginated', async (t) => {
    const store = await open(engine, t);
    const a = makeStory({ section: 'world', tags: ['Trade'], authorSlugs: ['amara'], publishedAt: '2026-01-01T10:00:00Z' });
    const b = makeStory({ section: 'world', sourceId: 'ans', publishedAt: '2026-01-02T10:00:00Z' });
    const c = makeStory({ section: 'sport', tags: ['Trade'], publishedAt: '2026-01-03T10:00:00Z' });
    const hidden = makeStory({ section: 'world', state: 'embargoed', publishedAt: undefined });
    await store.transaction(async (tx) => {
      for (const s of [a, b, c, hidden]) await putStory(tx, s);
    });
    const ids = async (q: Parameters<Store['stories']['listPublished']>[0]) =>
      (await store.stories.listPublished(q)).stories.map((s) => s.id);
    assert.deepEqual(await ids({ limit: 10 }), [c.id, b.id, a.id]);
    assert.deepEqual(await ids({ limit: 10, section: 'world' }), [b.id, a.id]);
    assert.deepEqual(await ids({ limit: 10, tag: 'trade' }), [c.id, a.id]);
    assert.deepEqual(await ids({ limit: 10, author: 'amara' }), [a.id]);
    assert.deepEqual(await ids({ limit: 10, source: 'ans' }), [b.id]);
    assert.deepEqual(await ids({ limit: 1, offset: 1 }), [b.id]);
    assert.deepEqual(await ids({ limit: 10, excludeIds: [c.id] }), [b.id, a.id]);
    assert.equal((await store.stories.listPublished({ limit: 1 })).total, 3);
  });

  it('lists a story as it is now after each change, and a caller changing a listed story changes no other read', async (t) => {
    const store = await open(engine, t);
    const story = makeStory({ version: '1', headline: 'Ferry strike ends' });
    await putStory(store, story);
    const first = (await store.stories.listPublished({ limit: 10 })).stories[0]!;
    assert.equal(first.headline, 'Ferry strike ends');
    first.headline = 'changed by a caller';
    assert.equal((await store.stories.listPublished({ limit: 10 })).stories[0]?.headline, 'Ferry strike ends');
    await putStory(store, { ...story, version: '2', headline: 'Ferry strike ends after talks' });
    const second = (await store.stories.listPublished({ limit: 10 })).stories[0]!;
    assert.equal(second.headline, 'Ferry strike ends after talks');
    assert.equal(second.revision, 2);
    await putStory(store, { ...story, version: '3', headline: 'Ferry strike ends after talks', pubstatus: 'canceled', state: 'killed' });
    assert.deepEqual((await store.stories.listPublished({ limit: 10 })).stories, []);
  });

  it('keeps every version in the history, each with the revision it made', async (t) => {
    const store = await open(engine, t);
    const story = makeStory({ version: '1' });
    await putStory(store, story);
    await putStory(store, { ...story, version: '2', pubstatus: 'canceled', state: 'killed' });
    assert.deepEqual(
      (await store.stories.history(story.id)).map((v) => [v.revision, v.version, v.pubstatus]),
      [
        [1, '1', 'usable'],
        [2, '2', 'canceled'],
      ],
    );
    assert.equal((await store.stories.findStored(story.id))?.revision, 2);
  });

  it('rolls back everything a failed transaction wrote', async (t) => {
    const store = await open(engine, t);
    const story = makeStory();
    await assert.rejects(
      store.transaction(async (tx) => {
        await putStory(tx, story);
        throw new Error('crash half-way');
      }),
      /crash half-way/,
    );
    assert.equal(await store.stories.findById(story.id), undefined);
    assert.equal(await store.events.latestId(), 0);
    assert.equal((await store.search.query({ q: 'headline', limit: 5 })).total, 0);
  });

  it('translates a unique violation into LEDE_STORE_CONFLICT', async (t) => {
    const store = await open(engine, t);
    await putStory(store, makeStory({ id: 'one', uri: 'same' }));
    await assert.rejects(putStory(store, makeStory({ id: 'two', uri: 'same' })), (e) => isLedeError(e, 'LEDE_STORE_CONFLICT'));
  });

  it('moves due embargoes and expiries into view of the scheduler', async (t) => {
    const store = await open(engine, t);
    const due = makeStory({ state: 'embargoed', embargoed: '2026-01-01T10:00:00Z', publishedAt: undefined });
    const later = makeStory({ state: 'embargoed', embargoed: '2026-01-01T14:00:00Z', publishedAt: undefined });
    const expiring = makeStory({ expires: '2026-01-01T11:00:00Z' });
    await store.transaction(async (tx) => {
      for (const s of [due, later, expiring]) await putStory(tx, s);
    });
    const now = new Date('2026-01-01T12:00:00Z');
    assert.deepEqual(
      (await store.stories.listDueEmbargoes(now, 10)).map((s) => s.id),
      [due.id],
    );
    assert.deepEqual(
      (await store.stories.listDueExpiries(now, 10)).map((s) => s.id),
      [expiring.id],
    );
    await putStory(store, { ...due, state: 'published', publishedAt: '2026-01-01T10:00:00Z' });
    const published = await store.stories.findById(due.id);
    assert.equal(published?.state, 'published');
    assert.equal(published?.publishedAt, '2026-01-01T10:00:00Z');
  });

  it('counts views per story and ranks the most read published stories', async (t) => {
    const store = await open(engine, t);
    const [a, b, gone] = [makeStory(), makeStory(), makeStory({ state: 'killed' })];
    await store.transaction(async (tx) => {
      for (const s of [a, b, gone]) await putStory(tx, s);
    });
    const now = new Date('2026-01-02T12:00:00Z');
    for (const id of [a.id, b.id, b.id, gone.id, gone.id, gone.id]) await store.views.record(id, now);
    assert.deepEqual(await store.views.mostRead({ since: new Date('2026-01-01T12:00:00Z'), limit: 5 }), [b.id, a.id]);
    assert.deepEqual(await store.views.mostRead({ since: new Date('2026-01-03T00:00:00Z'), limit: 5 }), []);
  });

  it('stores settings as JSON', async (t) => {
    const store = await open(engine, t);
    assert.deepEqual(await store.settings.get('callouts'), [], 'the catalogue default until set');
    await store.settings.set('callouts', [{ text: 'Join', href: 'https://t.me/x', afterParagraph: 2 }]);
    await store.settings.set('callouts', [{ text: 'Join us', href: 'https://t.me/x', afterParagraph: 3 }]);
    assert.deepEqual(await store.settings.get('callouts'), [{ text: 'Join us', href: 'https://t.me/x', afterParagraph: 3 }]);
  });

  it('delivers events committed through another connection to onEvents listeners', async (t) => {
    const reader = await open(engine, t);
    const writer = await open(engine, t);
    const seen: string[] = [];
    let resolve: () => void;
    const arrived = new Promise<void>((r) => {
      resolve = r;
    });
    reader.onEvents((events) => {
      seen.push(...events.map((e) => `${e.storyId}:${e.kind}`));
      if (seen.length >= 2) resolve();
    });
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await writer.transaction(async (tx) => {
      await tx.events.append({ storyId: 'x', kind: 'publish', at: new Date().toISOString() });
      await tx.events.append({ storyId: 'x', kind: 'kill', at: new Date().toISOString() });
    });
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('no events within 2 s')), 2000))]);
    assert.deepEqual(seen, ['x:publish', 'x:kill']);
    assert.ok(Date.now() - started < 2000);
  });
});
