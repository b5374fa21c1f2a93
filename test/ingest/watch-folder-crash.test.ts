import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { within } from '../helpers/surfaces.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { wireItem } from '../helpers/wire.js';

const bin = new URL('../../bin/lede.js', import.meta.url).pathname;
const files = 200;

/** A real `lede serve` over `dataDir`, its watch folder run by its scheduler. */
function serve(dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { PATH: process.env.PATH, LEDE_DATA_DIR: dataDir, PORT: '0', LEDE_DEMO: '0', LEDE_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

const list = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** Uris of the files in `dir`, read from the files themselves. */
async function urisIn(dir: string): Promise<string[]> {
  return Promise.all((await list(dir)).map(async (name) => (JSON.parse(await readFile(join(dir, name), 'utf8')) as { uri: string }).uri));
}

/** Every story of the source has its version row and its event: nothing is half-stored. */
async function assertWhole(store: Store, uris: string[]) {
  const events = await store.events.listAfter(0, 100_000);
  for (const uri of uris) {
    const story = await store.stories.findByUri('crashwire', uri);
    assert.ok(story, `${uri} is stored`);
    assert.equal((await store.stories.history(story.id)).length, 1, `${uri} has exactly one version row`);
    assert.deepEqual(
      events.filter((e) => e.storyId === story.id).map((e) => e.kind),
      ['publish'],
      `${uri} has exactly one event`,
    );
  }
}

describe('watch folder and a crash', () => {
  it('loses nothing acknowledged when lede serve is killed with SIGKILL mid-batch, and resumes on restart', async (t) => {
    const dataDir = await createTmpDir(t);
    const folder = join(dataDir, 'incoming');
    await mkdir(folder, { recursive: true });
    const setup = await openStore({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    await setup.migrate();
    await applySourceSettings(setup.sources, 'crashwire', { name: 'Crash Wire', watchDir: folder });
    await setup.close();
    for (let i = 0; i < files; i++) {
      const n = String(i).padStart(3, '0');
      await writeFile(join(folder, `item-${n}.json`), JSON.stringify(wireItem({ uri: `urn:crash:${n}` })));
    }

    const first = serve(dataDir);
    t.after(() => {
      first.kill('SIGKILL');
    });
    await within(60_000, async () => (await list(join(folder, 'done'))).length >= 20, 'the first files acknowledged');
    first.kill('SIGKILL');
    await exited(first);

    const acknowledged = await urisIn(join(folder, 'done'));
    const inProcessing = await list(join(folder, 'processing'));
    t.diagnostic(`killed with ${acknowledged.length} acknowledged, ${inProcessing.length} in processing/`);
    assert.ok(acknowledged.length < files, 'the kill came in the middle of the batch');
    let store = await openStore({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    const stored = (await store.stories.listPublished({ limit: 1000 })).stories.map((s) => s.uri);
    // Every acknowledged uri is stored; what is stored beyond them was committed but not yet moved to done/.
    for (const uri of acknowledged) assert.ok(stored.includes(uri), `acknowledged ${uri} is stored`);
    assert.ok(stored.length - acknowledged.length <= inProcessing.length, 'only claimed files can be stored unacknowledged');
    assert.equal(await store.stories.count(), stored.length, 'no story in another state');
    await assertWhole(store, stored);
    await store.close();

    const second = serve(dataDir);
    t.after(() => {
      second.kill('SIGKILL');
    });
    await within(60_000, async () => (await list(join(folder, 'done'))).length === files, 'every file acknowledged after the restart');
    second.kill('SIGTERM');
    await exited(second);
    assert.deepEqual(await list(join(folder, 'processing')), []);
    assert.deepEqual(
      (await list(folder)).filter((n) => n.endsWith('.json')),
      [],
    );
    store = await openStore({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    t.after(() => store.close());
    const all = (await urisIn(join(folder, 'done'))).sort();
    assert.equal(all.length, files);
    assert.equal(await store.stories.count(), files);
    await assertWhole(store, all);
  });
});
