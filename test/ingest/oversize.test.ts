import assert from 'node:assert/strict';
import { access, mkdir, open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { runLede } from '../helpers/cli.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp } from './e2e-helpers.js';

const MiB = 1024 * 1024;

/** A sparse file of `size` bytes (as `truncate -s`): big on paper, nothing on disk. */
async function sparse(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
}

describe('oversized wire files', () => {
  let app: IngestTestApp;
  let folder: string;
  before(async () => {
    app = await startIngestApp();
    folder = join(app.config.dataDir, 'incoming', 'bulk-wire');
    await mkdir(folder, { recursive: true });
    await applySourceSettings(app.store.sources, 'bulk-wire', { name: 'Bulk Wire', watchDir: folder });
  });
  after(() => app.stop());

  it('watch folder: moves a 3 GiB and a 200 MB file to quarantine/ with the reason, and never tries them again', async () => {
    await sparse(join(folder, 'huge.xml'), 3 * 1024 * MiB);
    await sparse(join(folder, 'big.xml'), 200 * MiB);
    await writeFile(join(folder, 'fine.json'), JSON.stringify(wireItem()));
    for (let i = 0; i < 2; i++) await app.app.ingest.watchFolders.pollAll();
    const left = (await readdir(folder)).filter((n) => !['processing', 'done', 'quarantine'].includes(n));
    assert.deepEqual(left, [], 'nothing is put back to be retried');
    assert.deepEqual(await readdir(join(folder, 'processing')), []);
    assert.deepEqual(await readdir(join(folder, 'done')), ['fine.json']);
    const quarantined = (await readdir(join(folder, 'quarantine'))).sort();
    assert.deepEqual(quarantined, ['big.xml', 'big.xml.reason', 'huge.xml', 'huge.xml.reason']);
    assert.equal((await stat(join(folder, 'quarantine', 'huge.xml'))).size, 3 * 1024 * MiB, 'moved whole, not copied');
    for (const name of ['big.xml', 'huge.xml']) {
      const reason = await readFile(join(folder, 'quarantine', `${name}.reason`), 'utf8');
      assert.match(reason.split('\n')[0]!, /bytes is more than the limit of \d+ bytes per file/);
    }
    const [status] = (await app.store.sources.listStatus(new Date())).filter((s) => s.sourceSlug === 'bulk-wire');
    assert.equal(status?.errorsTotal, 2);
    await app.app.ingest.watchFolders.pollAll();
    assert.equal((await app.store.sources.listStatus(new Date())).find((s) => s.sourceSlug === 'bulk-wire')?.errorsTotal, 2);
  });

  it('lede ingest: records an oversized file by its path without copying it, and copies a small bad one', async () => {
    const delivered = join(app.config.dataDir, 'delivered');
    await mkdir(delivered);
    const big = join(delivered, 'big.xml');
    const broken = join(delivered, 'broken.json');
    await sparse(big, 30 * MiB);
    await writeFile(broken, '{"uri": "urn:x", "headlines": [');
    const env = { LEDE_DATA_DIR: app.config.dataDir };
    const run = await runLede(['ingest', '--source', 'bulk-wire', big, broken], env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`^${big}: \\d+ bytes is more than the limit`, 'm'));
    const kept = join(app.config.dataDir, 'quarantine');
    assert.deepEqual((await readdir(kept)).sort(), ['big.xml.reason', 'broken.json', 'broken.json.reason']);
    await access(big); // the caller's files stay where they were
    await access(broken);

    const list = await runLede(['quarantine', 'list', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    const entries = JSON.parse(list.stdout) as Array<{ file: string; reason: string; isRecordOnly?: boolean }>;
    const record = entries.find((e) => e.file === big);
    assert.ok(record, list.stdout);
    assert.equal(record.isRecordOnly, true);
    assert.match(record.reason, /more than the limit/);
    const replay = await runLede(['quarantine', 'replay', big], env);
    assert.equal(replay.code, 1);
    assert.match(replay.stderr, new RegExp(`^${big}: .*not copied`, 'm'));
    await access(big);
  });
});
