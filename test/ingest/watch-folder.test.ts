import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { killOf, wireItem } from '../helpers/wire.js';
import { assertKilledEverywhere, assertLive, type IngestTestApp, startIngestApp, storedStory, worldTopic } from './e2e-helpers.js';

const names = async (dir: string) =>
  (await readdir(dir).catch(() => [] as string[])).filter((n) => !['processing', 'done', 'quarantine'].includes(n)).sort();

describe('watch folder', () => {
  let app: IngestTestApp;
  let folder: string;
  before(async () => {
    app = await startIngestApp();
    folder = join(app.config.dataDir, 'incoming', 'nordic-wire');
    await mkdir(folder, { recursive: true });
    await applySourceSettings(app.store.sources, 'nordic-wire', { name: 'Nordic Wire', watchDir: folder });
  });
  after(() => app.stop());

  it('takes a file only once it is complete: not after the first of two chunks', async () => {
    const item = wireItem({ subjects: [worldTopic] });
    const json = JSON.stringify(item);
    const file = join(folder, 'NW 2026,0412 story');
    await writeFile(file, json.slice(0, 40));
    await app.app.ingest.watchFolders.pollAll(); // sees the first chunk
    await new Promise((r) => setTimeout(r, 300)); // the uploader pauses
    await appendFile(file, json.slice(40));
    await app.app.ingest.watchFolders.pollAll(); // size changed: still not taken
    assert.deepEqual(await names(folder), ['NW 2026,0412 story']);
    assert.deepEqual(await names(join(folder, 'quarantine')), []);
    await app.app.ingest.watchFolders.pollAll(); // stable across two polls: taken whole
    assert.deepEqual(await names(folder), []);
    assert.deepEqual(await readdir(join(folder, 'done')), ['NW 2026,0412 story']);
    assert.deepEqual(await readdir(join(folder, 'quarantine')).catch(() => []), []);
    const story = await app.store.stories.findById(storyIdFor('nordic-wire', item.uri));
    assert.equal(story?.state, 'published');
  });

  it('ignores hidden, .tmp and .part files until they are renamed into place', async () => {
    const item = wireItem();
    await writeFile(join(folder, 'upload.part'), JSON.stringify(item));
    await writeFile(join(folder, '.hidden'), JSON.stringify(item));
    await writeFile(join(folder, 'x.tmp'), 'not yet');
    for (let i = 0; i < 3; i++) await app.app.ingest.watchFolders.pollAll();
    assert.deepEqual(await names(folder), ['.hidden', 'upload.part', 'x.tmp']);
    await rename(join(folder, 'upload.part'), join(folder, 'upload.json'));
    for (let i = 0; i < 2; i++) await app.app.ingest.watchFolders.pollAll();
    assert.ok((await readdir(join(folder, 'done'))).includes('upload.json'));
    assert.equal((await app.store.stories.findById(storyIdFor('nordic-wire', item.uri)))?.state, 'published');
  });

  it('moves a bad file to quarantine/ with its reason and counts the error for the source', async () => {
    await writeFile(join(folder, 'broken.xml'), '<?xml version="1.0"?><nothing-we-know/>');
    for (let i = 0; i < 2; i++) await app.app.ingest.watchFolders.pollAll();
    assert.deepEqual((await readdir(join(folder, 'quarantine'))).sort(), ['broken.xml', 'broken.xml.reason']);
    const reason = await readFile(join(folder, 'quarantine', 'broken.xml.reason'), 'utf8');
    assert.match(reason.split('\n')[0]!, /not in any supported wire format/);
    assert.match(reason, /^source: nordic-wire$/m);
    const [status] = (await app.store.sources.listStatus(new Date())).filter((s) => s.sourceSlug === 'nordic-wire');
    assert.equal(status?.errorsTotal, 1);
    assert.match(status?.lastError ?? '', /broken\.xml/);
  });

  it('ingests again, at the first poll, a file a crash left in processing/', async () => {
    const item = wireItem();
    await mkdir(join(folder, 'processing'), { recursive: true });
    await writeFile(join(folder, 'processing', 'left-behind.json'), JSON.stringify(item));
    // A new watcher (a restarted process) recovers processing/ before anything else.
    const { createWatchFolders } = await import('../../src/ingest/transports/watch-folder.js');
    const restarted = createWatchFolders({ store: app.store, pipeline: app.app.services.pipeline, clock: { now: () => new Date() } });
    await restarted.pollAll();
    assert.deepEqual(await readdir(join(folder, 'processing')), []);
    assert.ok((await readdir(join(folder, 'done'))).includes('left-behind.json'));
    assert.equal((await app.store.stories.findById(storyIdFor('nordic-wire', item.uri)))?.state, 'published');
  });

  it('stores a backlog many files per transaction, each file whole: a bad file among them goes to quarantine alone', async () => {
    const backlog = join(app.config.dataDir, 'incoming', 'backlog-wire');
    await mkdir(backlog, { recursive: true });
    await applySourceSettings(app.store.sources, 'backlog-wire', { name: 'Backlog Wire', watchDir: backlog });
    const items = Array.from({ length: 150 }, (_, i) =>
      wireItem({ uri: `urn:backlog:${i}`, headlines: [{ value: `Backlog story ${i}` }] }),
    );
    for (const [i, item] of items.entries())
      await writeFile(join(backlog, `story-${String(i).padStart(3, '0')}.json`), JSON.stringify(item));
    await writeFile(join(backlog, 'story-075-broken.xml'), '<?xml version="1.0"?><nothing-we-know/>');
    for (let poll = 0; poll < 5 && (await names(backlog)).length > 0; poll++) await app.app.ingest.watchFolders.pollAll();
    assert.deepEqual(await names(backlog), []);
    assert.equal((await readdir(join(backlog, 'done'))).length, 150);
    assert.deepEqual((await readdir(join(backlog, 'quarantine'))).sort(), ['story-075-broken.xml', 'story-075-broken.xml.reason']);
    const receivedAt = new Set<string>();
    for (const item of items) {
      const id = storyIdFor('backlog-wire', item.uri);
      assert.equal((await app.store.stories.findById(id))?.state, 'published');
      for (const version of await app.store.stories.history(id)) receivedAt.add(version.receivedAt);
    }
    // A batch is one transaction with one receipt time: file by file, there would be 150.
    assert.ok(receivedAt.size <= 6, `${receivedAt.size} transactions for 150 files`);
  });

  it('run by the scheduler, publishes a dropped file and takes the story down within 5 s of its kill', async (t) => {
    app.app.scheduler.start();
    const item = wireItem({ subjects: [worldTopic] });
    await writeFile(join(folder, '.incoming'), JSON.stringify(item));
    await rename(join(folder, '.incoming'), join(folder, 'story-1.json'));
    const story = await storedStory(app, 'nordic-wire', item);
    const sitemaps = await assertLive(app, story);
    await writeFile(join(folder, 'story-1-kill.json'), JSON.stringify(killOf(item)));
    // Received when dropped: two polls to see it complete, then the commit, then every surface.
    t.diagnostic(await assertKilledEverywhere(app, story, Date.now(), sitemaps));
    assert.deepEqual(await names(folder), ['.hidden', 'x.tmp']);
    assert.deepEqual(await readdir(join(folder, 'processing')), []);
    assert.ok((await readdir(join(folder, 'done'))).includes('story-1-kill.json'));
  });
});
