import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { quarantineCopy, quarantineRecord } from '../../src/ingest/quarantine.js';
import { login, startNewsroomApp } from '../helpers/newsroom.js';
import { describeEngines } from '../helpers/postgres.js';
import { wireItem } from '../helpers/wire.js';

describeEngines('newsroom quarantine replay-all', { migrated: true }, (engine) => {
  it("replays every replayable file of one source, leaves others' files and the still-bad ones with their reason", async (t) => {
    const app = await startNewsroomApp(t, engine);
    const { dataDir } = app.config;
    const now = new Date();
    const put = async (name: string, content: string, source: string, reason = 'the feed was down when it came') => {
      const file = join(dataDir, name);
      await writeFile(file, content);
      return quarantineCopy({ dataDir, file, reason, source, now });
    };
    const [first, second] = [wireItem(), wireItem()];
    const good = [await put('a.json', JSON.stringify(first), 'tidewire'), await put('b.json', JSON.stringify(second), 'tidewire')];
    const bad = await put('c.txt', 'plain words, no format at all', 'tidewire');
    const other = await put('d.json', JSON.stringify(wireItem()), 'harbourpress');
    await quarantineRecord({ dataDir, file: join(dataDir, 'huge.xml'), reason: 'over the size limit', source: 'tidewire', now });
    const [admin, editor] = [await login(app.base, app.emails.admin), await login(app.base, app.emails.editor)];

    assert.equal((await editor.request('POST', 'ingest/quarantine/replay-all', { body: {} })).status, 403, 'admins only');
    assert.equal((await admin.request('POST', 'ingest/quarantine/replay-all', { body: {}, withoutCsrf: true })).status, 403);
    assert.equal((await admin.request('POST', 'ingest/quarantine/replay-all', { body: { files: [] } })).body.error.field, 'files');

    const done = await admin.request('POST', 'ingest/quarantine/replay-all', { body: { source: 'tidewire' } });
    assert.equal(done.status, 200);
    assert.deepEqual([done.body.ingested, done.body.failed, done.body.remaining], [2, 1, 0]);
    assert.deepEqual(
      done.body.results.map((r: { file: string; is_ingested: boolean }) => [r.file, r.is_ingested]),
      [
        [good[0], true],
        [good[1], true],
        [bad, false],
      ],
      'oldest first; the record-only entry (never copied) is not replayed',
    );
    for (const item of [first, second]) {
      assert.ok(await app.store.stories.findByUri('tidewire', item.uri), `${item.uri} is a story`);
    }
    const left = (await admin.request('GET', 'ingest/quarantine')).body.items;
    assert.deepEqual(left.map((e: { file: string }) => e.file).sort(), [bad, other, join(dataDir, 'huge.xml')].sort());
    assert.match(left.find((e: { file: string }) => e.file === bad).reason, /format/, 'the still-bad file has its new reason');

    const rest = await admin.request('POST', 'ingest/quarantine/replay-all', { body: {} });
    assert.deepEqual([rest.body.ingested, rest.body.failed], [1, 1], 'without a source: every source');
    const audit = (await admin.request('GET', 'audit')).body.items.filter((e: { action: string }) => e.action === 'quarantine.replay');
    assert.equal(audit.length, 5, 'one audit entry per file replayed');
  });
});
