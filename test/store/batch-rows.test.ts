import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { describeEngines } from '../helpers/postgres.js';
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
