import assert from 'node:assert/strict';
import { it, type TestContext } from 'node:test';
import { connectPostgres } from '../../src/store/dialects/postgres/connect.js';
import { connectSqlite } from '../../src/store/dialects/sqlite/connect.js';
import { openStore } from '../../src/store/open.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';

// A batch's rows go to PostgreSQL as one JSON parameter (store/insert-rows.ts), whose escapes PostgreSQL checks more strictly than a bound text.
describeEngines('a batch of story rows', { migrated: true }, (engine) => {
  it('stores text with a lone surrogate, quotes, backslashes and non-Latin scripts as a bound parameter would', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const stories = [
      makeStory({ headline: 'Lone \ud800 surrogate', section: 'a\udc00b' }),
      makeStory({ headline: 'Quotes " and \\ backslashes \\u0041 and \\ud800 as text', bodyHtml: '<p>“Zitat” – 東京 – مرحبا</p>' }),
    ];
    const at = new Date().toISOString();
    const results = await store.applyStoryChanges(
      stories.map((story) => ({
        id: story.id,
        decide: () => ({
          story,
          version: {
            version: story.version,
            pubstatus: story.pubstatus,
            ninjs: { ...story.ninjs, headlines: [{ value: story.headline }] },
          },
          event: { kind: 'publish' as const, version: story.version, origin: 'demo' as const, at },
        }),
      })),
    );
    assert.deepEqual(
      results.map((r) => r.applied),
      [true, true],
    );
    for (const story of stories) {
      assert.deepEqual(await store.stories.findById(story.id), { ...story, revision: 1 });
      assert.equal((await store.stories.history(story.id))[0]?.ninjs.headlines?.[0]?.value, story.headline);
    }
    // PostgreSQL's columns hold what a bound text gave for a lone surrogate before: U+FFFD (SQLite binds its rows as before).
    if (engine.name !== 'postgres') return;
    assert.deepEqual(
      (await store.stories.listPublished({ section: 'a\ufffdb', limit: 5 })).stories.map((s) => s.id),
      [stories[0]!.id],
    );
  });
});

/** A migrated store, and the engine's dialect with a Kysely of its own to call insertRows directly. */
async function openWithDialect(engine: TestEngine, t: TestContext) {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  const dialect =
    engine.name === 'sqlite'
      ? connectSqlite(engine.url.slice('sqlite:'.length))
      : connectPostgres(engine.url, { searchPath: engine.searchPath });
  const db = dialect.createKysely(() => {});
  t.after(async () => {
    await db.destroy();
    await dialect.close();
  });
  return { store, dialect, db };
}

// SQLite writes a batch as statements whose text is built once per shape (store/insert-rows.ts,
// dialects/sqlite/search.ts), 500 rows at most each: a batch of more rows takes several.
describeEngines('a batch of more rows than one statement holds', { migrated: true }, (engine) => {
  it('stores every version row in order, one without a value given as null', async (t) => {
    const { store, dialect, db } = await openWithDialect(engine, t);
    const rows = Array.from({ length: 1201 }, (_, i) => ({
      story_id: 'many-versions',
      version: String(i),
      pubstatus: 'usable',
      received_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      ninjs: JSON.stringify({ uri: 'urn:test:many-versions', version: String(i) }),
      revision: i + 1,
      // Not given in one row of the second statement's rows: that statement is built another way, to the same effect.
      editor_id: i === 700 ? undefined : `editor-${i % 3}`,
    }));
    await db.transaction().execute((trx) => dialect.insertRows(trx, 'story_versions', rows));
    const history = await store.stories.history('many-versions');
    assert.equal(history.length, rows.length);
    assert.deepEqual(
      history.map((h) => [h.revision, h.version, h.ninjs.version]),
      rows.map((r) => [r.revision, r.version, r.version]),
    );
    assert.equal(history[700]?.editorId, undefined);
    assert.equal(history[701]?.editorId, 'editor-2');
  });

  it('keeps a stored slug row when a batch takes the same slug again (on conflict do nothing), over several statements', async (t) => {
    const { dialect, db } = await openWithDialect(engine, t);
    const slugs = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ slug: `slug-${from + i}`, story_id: 'slugged' }));
    const keepStored = { key: ['slug', 'story_id'], update: [] };
    await db.transaction().execute((trx) => dialect.insertRows(trx, 'story_slugs', slugs(0, 600), keepStored));
    await db.transaction().execute((trx) => dialect.insertRows(trx, 'story_slugs', slugs(300, 1200), keepStored));
    const stored = await db.selectFrom('story_slugs').select('slug').where('story_id', '=', 'slugged').execute();
    assert.equal(stored.length, 1200);
    assert.equal(new Set(stored.map((r) => r.slug)).size, 1200);
  });

  it('indexes every story of a batch for search, and takes every one out when withdrawn', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    const at = new Date().toISOString();
    const stories = Array.from({ length: 501 }, (_, i) =>
      makeStory({ headline: `Harbour report ${i}`, bodyHtml: `<p>Cormorants number ${i} nest by the quay.</p>` }),
    );
    const change = (state: 'published' | 'withheld') =>
      stories.map((story) => ({
        id: story.id,
        decide: () => ({
          story: { ...story, state },
          event: { kind: state === 'published' ? ('publish' as const) : ('withhold' as const), origin: 'demo' as const, at },
        }),
      }));
    await store.applyStoryChanges(change('published'));
    assert.equal((await store.search.query({ q: 'cormorants', limit: 5 })).total, 501);
    const last = await store.search.query({ q: 'report 500', limit: 5 });
    assert.deepEqual(
      last.hits.map((h) => h.story.id),
      [stories[500]!.id],
    );
    // Stored again: each row replaced, not doubled.
    await store.applyStoryChanges(change('published'));
    assert.equal((await store.search.query({ q: 'cormorants', limit: 5 })).total, 501);
    await store.applyStoryChanges(change('withheld'));
    assert.equal((await store.search.query({ q: 'cormorants', limit: 5 })).total, 0);
  });
});
