import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { articlePath } from '../../src/core/urls.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { startTestApp } from '../helpers/app.js';
import { runLede } from '../helpers/cli.js';
import { describeEngines } from '../helpers/postgres.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { killOf, wireItem } from '../helpers/wire.js';

// Issue 8's check from outside, scaled to CI: cached stories killed by separate `lede ingest`
// runs (six at a time) while another `lede ingest` stores a folder of other stories.
// LEDE_TEST_KILL_RACE=full runs it at the size: 150 kills beside 3,000 stories.
const isFull = process.env.LEDE_TEST_KILL_RACE === 'full';
const killed = isFull ? 150 : 12;
const bulk = isFull ? 3000 : 600;
const source = 'racer';

describeEngines('kills from separate processes while a bulk ingest runs', { migrated: true }, (engine) => {
  it('lets every kill through and leaves no killed story served 5 s later', { timeout: isFull ? 1_800_000 : undefined }, async (t) => {
    // On SQLite the CLI finds the app's database in its data folder; on PostgreSQL by URL.
    const app = await startTestApp(engine.name === 'postgres' ? { url: engine.url, searchPath: engine.searchPath } : {});
    t.after(() => app.close());
    const dir = await createTmpDir(t);
    // One address asks the content API once per story: above the default 120 a minute at full size.
    await app.store.settings.set('api', { perMinute: 10_000 });
    const items = Array.from({ length: killed }, () => wireItem());
    const results = await app.app.services.pipeline.ingestItems(items, { source });
    assert.deepEqual(new Set(results.map((r) => r.outcome)), new Set(['publish']));
    const stories = await Promise.all(items.map((item) => app.store.stories.findById(storyIdFor(source, item.uri))));
    for (const story of stories) assert.equal((await fetch(`${app.base}${articlePath(story!)}`)).status, 200, 'cached while live');
    assert.equal((await fetch(`${app.base}/feed.xml`)).status, 200);

    const bulkDir = join(dir, 'bulk');
    await mkdir(bulkDir);
    for (let i = 0; i < bulk; i++) await writeFile(join(bulkDir, `${String(i).padStart(5, '0')}.json`), JSON.stringify(wireItem()));
    const killFiles = await Promise.all(
      items.map(async (item, i) => {
        const file = join(dir, `kill-${i}.json`);
        await writeFile(file, JSON.stringify(killOf(item)));
        return file;
      }),
    );
    const env = {
      LEDE_DATA_DIR: app.config.dataDir,
      LEDE_LOG_LEVEL: 'silent',
      ...(engine.name === 'postgres' ? { DATABASE_URL: engine.url } : {}),
    };
    const bulkRun = runLede(['ingest', '--source', source, bulkDir], env);
    const killRuns: Array<Awaited<ReturnType<typeof runLede>>> = [];
    for (let i = 0; i < killFiles.length; i += 6) {
      killRuns.push(...(await Promise.all(killFiles.slice(i, i + 6).map((file) => runLede(['ingest', '--source', source, file], env)))));
    }
    const bulkResult = await bulkRun;
    assert.equal(bulkResult.code, 0, bulkResult.stderr);
    assert.deepEqual(
      killRuns.filter((r) => r.code !== 0).map((r) => r.stderr),
      [],
      'no kill failed because another writer was busy',
    );

    await new Promise((resolve) => setTimeout(resolve, 5000));
    const served: string[] = [];
    const feed = await (await fetch(`${app.base}/feed.xml`)).text();
    for (const story of stories) {
      const page = await fetch(`${app.base}${articlePath(story!)}`, { redirect: 'manual' });
      if (page.status !== 410) served.push(`${story!.uri}: article answers ${page.status}`);
      // Not a prefix of another story's slug (…-strike-1x3 is a prefix of …-strike-1x30).
      if (new RegExp(`${articlePath(story!).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(feed))
        served.push(`${story!.uri}: in /feed.xml`);
      const answer = await fetch(`${app.base}/api/v1/articles?uri=${encodeURIComponent(story!.uri)}`);
      assert.equal(answer.status, 200, `the content API answers for ${story!.uri}`);
      if (((await answer.json()) as { items: unknown[] }).items.length > 0) served.push(`${story!.uri}: in /api/v1/articles`);
    }
    assert.deepEqual(served, [], 'no killed story is served 5 s after both finished');
    assert.equal((await app.store.stories.count()) >= killed + bulk, true);
    assert.deepEqual((await app.store.verify()).problems, []);
  });
});
