import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { systemClock } from '../../src/core/clock.js';
import { createMediaLibrary } from '../../src/ingest/media.js';
import { createIngestPipeline } from '../../src/ingest/pipeline.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { connectSqlite } from '../../src/store/dialects/sqlite/connect.js';
import { openStore } from '../../src/store/open.js';
import { runLede } from '../helpers/cli.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { killOf, wireItem } from '../helpers/wire.js';

describe('lede verify', () => {
  it('passes a consistent database and names every story whose state its history contradicts', async (t) => {
    const dir = await createTmpDir(t);
    const store = await openStore({ url: `sqlite:${join(dir, 'lede.db')}` });
    await store.migrate();
    const pipeline = createIngestPipeline({
      store,
      clock: systemClock,
      media: createMediaLibrary({ media: store.media, mediaDir: join(dir, 'media') }),
      logger: pino({ level: 'silent' }),
    });
    const [kept, killed] = [wireItem(), wireItem()];
    await pipeline.ingestItems([kept, killed, killOf(killed)], { source: 'agency' });
    await store.close();
    const env = { LEDE_DATA_DIR: dir, LEDE_LOG_LEVEL: 'silent' };

    const clean = await runLede(['verify'], env);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stderr, /2 stories checked, 0 differ/);

    // What a racing writer once left behind: the killed story published again at version 1.
    const dialect = connectSqlite(join(dir, 'lede.db'));
    const db = dialect.createQuietKysely();
    const id = storyIdFor('agency', killed.uri);
    await sql`UPDATE stories SET state = 'published', pubstatus = 'usable', version = '1' WHERE id = ${id}`.execute(db);
    await db.destroy();

    const broken = await runLede(['verify'], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, new RegExp(`^${id} \\(agency ${killed.uri}\\): a kill was accepted, but the story is published$`, 'm'));
    assert.doesNotMatch(broken.stdout, new RegExp(storyIdFor('agency', kept.uri)));
    const json = await runLede(['verify', '--json'], env);
    assert.equal(json.code, 1);
    assert.deepEqual(
      (JSON.parse(json.stdout) as { problems: Array<{ id: string }> }).problems.map((p) => p.id),
      [id],
    );
  });
});
