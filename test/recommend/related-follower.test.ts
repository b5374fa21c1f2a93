import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRelatedIndex } from '../../src/recommend/related.js';
import { followStoriesForRelated } from '../../src/recommend/related-follower.js';
import { openStore } from '../../src/store/open.js';
import { describeEngines } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStories, putStory } from '../helpers/story-writes.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 10, n)).toISOString();

describeEngines('the Read also follower', { migrated: true }, (engine) => {
  it('indexes the stored stories only once told to start (a server starts its plugins first), and follows events meanwhile', async (t) => {
    const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
    t.after(() => store.close());
    await store.migrate();
    await putStories(
      store,
      Array.from({ length: 30 }, (_, i) =>
        makeStory({ id: `s-${i}`, headline: `Harbour strike day ${i}`, publishedAt: minute(i), versioncreated: minute(i) }),
      ),
    );
    const index = createRelatedIndex();
    let start!: () => void;
    const follower = followStoriesForRelated({
      store,
      index,
      onError: (error) => assert.fail(String(error)),
      startAfter: new Promise<void>((resolve) => (start = resolve)),
    });
    t.after(() => follower.stop());
    let isReady = false;
    void follower.ready.then(() => (isReady = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(index.size, 0, 'nothing read before the start');
    assert.equal(isReady, false);

    // A kill stored before the start: the load must not bring the story back.
    await putStory(store, makeStory({ id: 's-3', state: 'killed', pubstatus: 'canceled', version: 2, publishedAt: minute(3) }));
    start();
    await follower.ready;
    assert.equal(index.size, 29);
    assert.equal(index.has('s-3'), false);
    assert.equal(index.has('s-29'), true);
  });
});
