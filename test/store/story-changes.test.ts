import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isLedeError } from '../../src/core/errors.js';
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

const at = '2026-01-01T10:00:00.000Z';

describeEngines('applyStoryChange (the one story-change operation)', (engine) => {
  it('bumps the revision with every change and refuses a change based on a stale one', async (t) => {
    const store = await open(engine, t);
    const story = makeStory();
    await putStory(store, story);
    await putStory(store, { ...story, headline: 'Second take' });
    assert.equal((await store.stories.findStored(story.id))?.revision, 2);

    const edit = (baseRevision: number, headline: string) =>
      store.applyStoryChange({
        id: story.id,
        baseRevision,
        decide: (current) => ({ story: { ...current!, headline }, event: { kind: 'update', origin: 'editor', at } }),
      });
    const applied = await edit(2, 'Editor one');
    assert.equal(applied.applied && applied.story.revision, 3);
    await assert.rejects(edit(2, 'Editor two, from the same revision'), (e) => isLedeError(e, 'LEDE_STORY_REVISION_STALE'));
    const stored = await store.stories.findStored(story.id);
    assert.equal(stored?.headline, 'Editor one', 'the stale change wrote nothing');
    assert.equal(stored?.revision, 3);
    assert.equal((await store.events.latestForStory(story.id))?.origin, 'editor');
  });

  it('keeps every flag it was not told to change, and writes nothing when the decision is no change', async (t) => {
    const store = await open(engine, t);
    const story = makeStory();
    await putStory(store, story, { flags: { editorKilled: true, editorEdited: true } });
    // A change that mentions no flag (a picture kill, a scheduled release) must not clear them.
    await store.applyStoryChange({
      id: story.id,
      decide: (current) => ({ story: { ...current!, hero: undefined }, event: { kind: 'update', origin: 'clock', at } }),
    });
    let stored = await store.stories.findStored(story.id);
    assert.deepEqual([stored?.editorKilled, stored?.editorEdited, stored?.wireUpdatePending], [true, true, false]);
    await store.applyStoryChange({
      id: story.id,
      decide: (current) => ({ story: current!, flags: { wireUpdatePending: true }, event: { kind: 'store', origin: 'wire', at } }),
    });
    stored = await store.stories.findStored(story.id);
    assert.deepEqual([stored?.editorKilled, stored?.editorEdited, stored?.wireUpdatePending], [true, true, true]);

    const before = await store.events.latestId();
    const result = await store.applyStoryChange({ id: story.id, decide: () => undefined });
    assert.equal(result.applied, false);
    assert.equal(await store.events.latestId(), before, 'no event for no change');
    assert.equal((await store.stories.findStored(story.id))?.revision, stored?.revision);
  });

  it('writes the story, its version and its event together or not at all', async (t) => {
    const store = await open(engine, t);
    const story = makeStory();
    await assert.rejects(
      store.transaction(async (tx) => {
        await putStory(tx, story);
        throw new Error('the rest of the batch failed');
      }),
      /the rest of the batch failed/,
    );
    assert.equal(await store.stories.findStored(story.id), undefined);
    assert.deepEqual(await store.stories.history(story.id), []);
    assert.equal(await store.events.latestForStory(story.id), undefined);
  });
});
