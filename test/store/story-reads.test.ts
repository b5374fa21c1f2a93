import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

/** What `read` costs in queries on `store`. */
async function queriesOf<T>(store: Store, read: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const before = store.stats.queries;
  const result = await read();
  return { result, queries: store.stats.queries - before };
}

// After a change, the page cache, Read also and every list read the changed story again: with a
// 19 MB body that held PostgreSQL's driver for half a second per read. A store reads a row's data
// only for a revision it has not parsed yet, and remembers the rows it has just committed.
describeEngines('story reads by revision', { migrated: true }, (engine) => {
  it('reads back a story it has just committed with one small query, the same story a fresh store reads', async (t) => {
    const writer = await open(engine, t);
    const story = makeStory({ bodyHtml: '<p>A body the reads must carry whole.</p>' });
    await putStory(writer, story);
    await putStory(writer, { ...story, headline: 'Second take' });
    const { result: remembered, queries } = await queriesOf(writer, () => writer.stories.findById(story.id));
    assert.equal(queries, 1, 'only the revision and state columns are read');
    const fresh = await open(engine, t);
    const { result: readWhole, queries: freshQueries } = await queriesOf(fresh, () => fresh.stories.findById(story.id));
    assert.equal(freshQueries, 2, 'a store that did not write it reads the row');
    assert.deepStrictEqual(remembered, readWhole);
    assert.equal(remembered?.headline, 'Second take');
    assert.equal(remembered?.revision, 2);
    const [listed] = (await writer.stories.listLatest({ limit: 1 })).filter((s) => s.id === story.id);
    assert.deepStrictEqual(listed, readWhole);
  });

  it('reads the row again once another store has changed it, and never remembers a rolled-back change', async (t) => {
    const a = await open(engine, t);
    const b = await open(engine, t);
    const story = makeStory();
    await putStory(a, story);
    await putStory(b, { ...story, headline: 'Changed elsewhere' });
    const { result: seen, queries } = await queriesOf(a, () => a.stories.findById(story.id));
    assert.equal(seen?.headline, 'Changed elsewhere');
    assert.equal(queries, 2);

    await assert.rejects(
      a.transaction(async (tx) => {
        await putStory(tx, { ...story, headline: 'Never committed' });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal((await a.stories.findById(story.id))?.headline, 'Changed elsewhere');
    assert.equal((await a.stories.findByIds([story.id, 'no-such-story', story.id])).length, 2, 'in the order asked, unknown ids left out');
  });
});
