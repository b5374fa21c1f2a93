import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { systemClock } from '../../src/core/clock.js';
import { createMediaLibrary } from '../../src/ingest/media.js';
import { createIngestPipeline } from '../../src/ingest/pipeline.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { openStore } from '../../src/store/open.js';
import type { Store, StoryEvent } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { race, startWriter } from '../helpers/race.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { killOf, wireItem } from '../helpers/wire.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

describeEngines('concurrent writers (separate processes)', { migrated: true }, (engine) => {
  it('delivers every event in commit order, even a kill whose transaction was held open while another writer committed', async (t) => {
    const store = await open(engine, t);
    const seen: StoryEvent[] = [];
    store.onEvents((events) => seen.push(...events));
    const a = makeStory({ id: 'held-kill' });
    const b = makeStory({ id: 'quick-publish' });
    await putStory(store, a);
    await until('the listener follows the log', () => seen.some((e) => e.storyId === a.id));

    const job = { url: engine.url, searchPath: engine.searchPath };
    const holder = startWriter({ ...job, kind: 'hold', story: { ...a, version: '2', pubstatus: 'canceled', state: 'killed' } });
    await holder.said('ready');
    holder.tell('go');
    await holder.said('held');
    // A second writer commits at once when it can; the listener polls meanwhile.
    const quick = startWriter({ ...job, kind: 'hold', story: b });
    await quick.said('ready');
    quick.tell('go');
    quick.tell('commit');
    await sleep(800);
    holder.tell('commit');
    await Promise.all([holder.done, quick.done]);

    await until('the listener has seen both changes', () => seen.some((e) => e.storyId === b.id) && seen.some((e) => e.kind === 'kill'));
    const ids = seen.map((e) => e.id);
    assert.deepEqual(
      ids,
      [...ids].sort((x, y) => x - y),
      'events arrive in id order',
    );
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    const kill = seen.find((e) => e.kind === 'kill');
    const publish = seen.find((e) => e.storyId === b.id);
    assert.ok(kill && publish && kill.id < publish.id, 'the kill, committed first, has the lower id');
  });

  it('never lets a late older version undo a kill: three pushes of version 1 race the kill of each of 30 stories', async (t) => {
    const store = await open(engine, t);
    const dir = await createTmpDir(t);
    const source = 'racer';
    // The source exists before the race, as it would for an agency that pushes.
    const media = createMediaLibrary({ media: store.media, mediaDir: dir });
    const pipeline = createIngestPipeline({ store, clock: systemClock, media, logger: pino({ level: 'silent' }) });
    await pipeline.ingestItems([wireItem()], { source });

    const firsts = Array.from({ length: 30 }, () => wireItem());
    const kills = firsts.map((item) => killOf(item));
    const job = { kind: 'ingest' as const, url: engine.url, searchPath: engine.searchPath, mediaDir: dir, source };
    await race([
      { ...job, items: firsts },
      { ...job, items: firsts },
      { ...job, items: firsts },
      { ...job, items: kills },
    ]);

    const events = await store.events.listAfter(0, 100_000);
    for (const item of firsts) {
      const id = storyIdFor(source, item.uri);
      const stored = await store.stories.findStored(id);
      assert.equal(stored?.state, 'killed', `${item.uri} stays killed`);
      assert.equal(stored?.version, '2');
      const versions = (await store.stories.history(id)).map((v) => `${v.version}:${v.pubstatus}`);
      assert.equal(new Set(versions).size, versions.length, `${item.uri}: one row per version (${versions.join(', ')})`);
      const kinds = events.filter((e) => e.storyId === id).map((e) => e.kind);
      assert.ok(kinds.filter((k) => k === 'publish').length <= 1, `${item.uri}: at most one publish (${kinds.join(', ')})`);
      assert.equal(kinds.at(-1), 'kill', `${item.uri}: the kill is the last event (${kinds.join(', ')})`);
    }
    assert.deepEqual((await store.verify()).problems, [], 'lede verify finds every story consistent with its history');
  });
});
