import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isLedeError } from '../../src/core/errors.js';
import { eventForTransition } from '../../src/core/lifecycle.js';
import type { Story } from '../../src/core/story.js';
import { openStore } from '../../src/store/open.js';
import type { Store, StoredStory } from '../../src/store/types.js';
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

describeEngines('applyStoryChange (the one story-change operation)', { migrated: true }, (engine) => {
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

  it('writes a batch of changes exactly as the same changes one after another: revisions, versions, events, slugs, search, webhook copies', async (t) => {
    const store = await open(engine, t);
    await store.webhooks.add({ url: 'https://example.test/hook', secret: 's', events: ['publish', 'update', 'kill'], now: new Date(at) });
    // The same six changes to two stories, under two prefixes: once as a batch, once one by one.
    const scenario = (p: string) => {
      const a = makeStory({
        id: `${p}-a`,
        publishedAt: at,
        firstcreated: at,
        versioncreated: at,
        headline: `Harbour strike begins ${p}`,
        slug: `${p}-begins`,
        tags: ['Ports', `Labour ${p}`],
      });
      const b = makeStory({
        id: `${p}-b`,
        publishedAt: at,
        firstcreated: at,
        versioncreated: at,
        headline: `Ferry timetable changes ${p}`,
      });
      // Each change is decided on the story as the changes before it left it.
      const change = (id: string, make: (current: StoredStory | undefined) => Story | undefined) => ({
        id,
        decide: (current: StoredStory | undefined) => {
          const story = make(current);
          if (!story) return undefined;
          const event = { kind: eventForTransition(current?.state, story.state), version: story.version, origin: 'wire' as const, at };
          return { story, version: { version: story.version, pubstatus: story.pubstatus, ninjs: story.ninjs }, event };
        },
      });
      return [
        change(a.id, () => a),
        change(b.id, () => b),
        change(a.id, (c) => ({ ...c!, version: '2', headline: `Harbour strike spreads ${p}`, slug: `${p}-spreads`, tags: ['Ports'] })),
        change(a.id, (c) => (c?.version === '2' ? undefined : c)), // a late version 1: ignored
        change(b.id, (c) => ({ ...c!, version: '2', state: 'killed', pubstatus: 'canceled' })),
        change(a.id, (c) => ({ ...c!, version: '3', headline: `Harbour strike ends ${p}`, slug: `${p}-ends` })),
      ];
    };
    const results = await store.applyStoryChanges(scenario('batch'));
    for (const request of scenario('single')) await store.applyStoryChange(request);
    assert.deepEqual(
      results.map((r) => r.applied),
      [true, true, true, false, true, true],
    );
    const eventIds = results.flatMap((r) => (r.applied ? [r.eventId] : []));
    assert.deepEqual(
      eventIds,
      [...eventIds].sort((x, y) => x - y),
      'event ids in the order of the changes',
    );

    const stateOf = async (p: string) => {
      const ids = [`${p}-a`, `${p}-b`];
      const unprefixed = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(p, 'P'));
      const stories = await Promise.all(ids.map((id) => store.stories.findStored(id)));
      const history = await Promise.all(ids.map((id) => store.stories.history(id)));
      const events = (await store.events.listAfter(0, 100)).filter((e) => ids.includes(e.storyId));
      const outbox = (await store.outbox.list({ limit: 100 })).filter((o) => ids.includes(o.storyId));
      const hits = (await store.search.query({ q: `harbour strike ${p}`, limit: 10 })).hits;
      return unprefixed({
        stories: stories.map((s) => s && { ...s, contentHash: undefined }),
        history: history.map((h) => h.map((v) => [v.revision, v.version, v.pubstatus])),
        events: events.map((e) => [e.storyId, e.kind, e.version]),
        outbox: outbox.map((o) => [o.storyId, o.kind, o.storySnapshot?.headline, o.storySnapshot?.revision]).sort(),
        formerSlug: (await store.stories.findBySlug(`${p}-spreads`))?.id,
        search: hits.map((h) => [h.story.id, h.story.headline]),
        killedInSearch: (await store.search.query({ q: `ferry timetable ${p}`, limit: 10 })).total,
        tagged: (await store.stories.listPublished({ tag: `labour-${p}`, limit: 10 })).total,
      });
    };
    const got = await stateOf('batch');
    assert.deepEqual(got, await stateOf('single'));
    assert.equal(got.stories[0]?.revision, 3);
    assert.equal(got.stories[0]?.headline, 'Harbour strike ends P');
    assert.equal(got.formerSlug, 'P-a', 'a slug the story held only within the batch still redirects');
    assert.deepEqual(got.search, [['P-a', 'Harbour strike ends P']]);
    assert.equal(got.killedInSearch, 0);
    assert.equal(got.tagged, 0, 'the tags of the last change');
    assert.deepEqual(
      got.outbox.filter((o: unknown[]) => o[0] === 'P-a').map((o: unknown[]) => o.slice(2)),
      [
        ['Harbour strike begins P', 1],
        ['Harbour strike ends P', 3],
        ['Harbour strike spreads P', 2],
      ],
      'each webhook copy is the story as of its event',
    );
  });
});
