import assert from 'node:assert/strict';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { runLede } from '../helpers/cli.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp } from './e2e-helpers.js';

interface Listed {
  file: string;
  reason: string;
  source?: string;
  at: string;
}

describe('lede quarantine', () => {
  let app: IngestTestApp;
  let folder: string;
  let delivered: string;
  before(async () => {
    app = await startIngestApp();
    folder = join(app.config.dataDir, 'incoming', 'tidewire');
    await mkdir(folder, { recursive: true });
    await applySourceSettings(app.store.sources, 'tidewire', { name: 'Tidewire', watchDir: folder });
    delivered = join(app.config.dataDir, 'delivered');
    await mkdir(delivered);
  });
  after(() => app.stop());

  const lede = (args: string[]) => runLede(args, { LEDE_DATA_DIR: app.config.dataDir });

  it('lists the bad files of lede ingest and of the watch folders together, each with its reason, source and time', async () => {
    const cliFile = join(delivered, 'half.json');
    await writeFile(cliFile, '{"uri": "urn:x", "headlines": [');
    const ingest = await lede(['ingest', '--source', 'tidewire', cliFile]);
    assert.equal(ingest.code, 1);
    assert.match(ingest.stderr, new RegExp(`^${cliFile}: `, 'm'));
    await access(cliFile); // the caller's file is left alone

    await writeFile(join(folder, 'odd file, no extension'), 'plain words, no format at all');
    for (let i = 0; i < 2; i++) await app.app.ingest.watchFolders.pollAll();

    const list = await lede(['quarantine', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const entries = JSON.parse(list.stdout) as Listed[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.source]),
      [
        [join(app.config.dataDir, 'quarantine', 'half.json'), 'tidewire'],
        [join(folder, 'quarantine', 'odd file, no extension'), 'tidewire'],
      ],
    );
    for (const e of entries) {
      assert.ok(e.reason.length > 10, e.reason);
      assert.ok(Date.now() - Date.parse(e.at) < 120_000);
    }
    assert.match(entries[1]!.reason, /not in any supported wire format/);
    const text = await lede(['quarantine', 'list']);
    assert.equal(text.stdout.trim().split('\n').length, 2);
  });

  it('replays a fixed file: it goes in, moves to done/ and loses its reason; one still bad keeps it, updated', async () => {
    const fixed = wireItem();
    const quarantined = join(folder, 'quarantine', 'odd file, no extension');
    await writeFile(quarantined, JSON.stringify(fixed));
    const replay = await lede(['quarantine', 'replay', quarantined]);
    assert.equal(replay.code, 0, replay.stderr);
    assert.deepEqual(await readdir(join(folder, 'quarantine')), []);
    assert.ok((await readdir(join(folder, 'done'))).includes('odd file, no extension'));
    assert.equal((await app.store.stories.findById(storyIdFor('tidewire', fixed.uri)))?.state, 'published');

    const stillBad = join(app.config.dataDir, 'quarantine', 'half.json');
    const before = await readFile(`${stillBad}.reason`, 'utf8');
    const again = await lede(['quarantine', 'replay']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`^${stillBad}: `, 'm'));
    await access(stillBad);
    const after = await readFile(`${stillBad}.reason`, 'utf8');
    assert.notEqual(after, before, 'the reason carries the time of the last try');
    assert.match(after, /^source: tidewire$/m);
    const unknown = await lede(['quarantine', 'replay', join(folder, 'never-there')]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /not in quarantine/);
  });
});
