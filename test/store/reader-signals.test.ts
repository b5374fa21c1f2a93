import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
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

const at = (iso: string) => new Date(iso);
const view = (storyId: string, visitor: string, time: string, isProfiled = false) => ({ storyId, visitor, at: at(time), isProfiled });
const child = fileURLToPath(new URL('../helpers/signals-child.ts', import.meta.url));

function startBeaconProcess(job: object) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (c) => {
    out += c;
  });
  proc.stderr.on('data', (c) => {
    err += c;
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!out.includes('ready\n')) return;
      clearInterval(timer);
      resolve();
    }, 10);
    proc.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${err}`)));
  });
  const done = new Promise<{ errors: string[] }>((resolve, reject) =>
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('done '));
      if (code !== 0 || !line) reject(new Error(`beacon process failed (${code}): ${err}`));
      else resolve(JSON.parse(line.slice(5)));
    }),
  );
  return { ready, done, go: () => proc.stdin.write('go\n') };
}

describeEngines('reader signals', { migrated: true }, (engine) => {
  it('counts one view per browser, story and day, in hourly buckets', async (t) => {
    const store = await open(engine, t);
    await store.transaction((tx) => putStory(tx, makeStory({ id: 'a', section: 'world' })));
    const fresh = await store.transaction((tx) =>
      tx.signals.recordViews([
        view('a', 'v1', '2026-01-10T10:05:00Z'),
        view('a', 'v1', '2026-01-10T10:06:00Z'),
        view('a', 'v2', '2026-01-10T11:00:00Z'),
      ]),
    );
    assert.equal(fresh, 2);
    // The same browser again later that day, in another batch: not counted; the next day: counted.
    await store.transaction((tx) =>
      tx.signals.recordViews([view('a', 'v1', '2026-01-10T12:00:00Z'), view('a', 'v1', '2026-01-11T09:00:00Z')]),
    );
    const rows = (await store.signals.hourlyViews({ since: at('2026-01-10T00:00:00Z') })).sort((x, y) => (x.hour < y.hour ? -1 : 1));
    assert.deepEqual(rows, [
      { storyId: 'a', hour: '2026-01-10T10', count: 1, section: 'world' },
      { storyId: 'a', hour: '2026-01-10T11', count: 1, section: 'world' },
      { storyId: 'a', hour: '2026-01-11T09', count: 1, section: 'world' },
    ]);
  });

  it('counts "read X, then Y" the same day only for profiled views', async (t) => {
    const store = await open(engine, t);
    await store.transaction((tx) =>
      tx.signals.recordViews([
        view('x', 'p1', '2026-01-10T10:00:00Z', true),
        view('y', 'p1', '2026-01-10T10:05:00Z', true),
        view('x', 'n1', '2026-01-10T10:00:00Z', false),
        view('y', 'n1', '2026-01-10T10:05:00Z', false),
      ]),
    );
    await store.transaction((tx) =>
      tx.signals.recordViews([view('z', 'p1', '2026-01-10T11:00:00Z', true), view('z', 'p1', '2026-01-11T08:00:00Z', true)]),
    );
    const pairs = (await store.signals.coVisits({ since: at('2026-01-01T00:00:00Z') }))
      .map((p) => `${p.fromId}>${p.toId}:${p.count}`)
      .sort();
    assert.deepEqual(pairs, ['x>y:1', 'x>z:1', 'y>z:1']);
  });

  it('deletes raw events past retention and keeps daily totals', async (t) => {
    const store = await open(engine, t);
    await store.transaction(async (tx) => {
      await tx.signals.recordViews([view('a', 'p', '2026-01-01T10:00:00Z', true), view('b', 'p', '2026-01-01T10:05:00Z', true)]);
      await tx.signals.recordImpressions([
        {
          id: 'imp-old',
          browser: 'b'.repeat(20),
          slot: 'for-you',
          page: '/',
          shownAt: at('2026-01-01T10:00:00Z'),
          items: ['a'],
          history: [],
        },
        {
          id: 'imp-new',
          browser: 'b'.repeat(20),
          slot: 'for-you',
          page: '/',
          shownAt: at('2026-02-05T10:00:00Z'),
          items: ['b'],
          history: [],
        },
      ]);
      await tx.signals.recordClicks([{ impressionId: 'imp-old', storyId: 'a', at: at('2026-01-01T10:01:00Z') }]);
    });
    const pruned = await store.transaction((tx) => tx.signals.prune({ now: at('2026-02-10T00:00:00Z'), retentionDays: 30 }));
    assert.deepEqual(pruned, { viewKeys: 2, hourlyCounts: 2, coVisits: 1, impressions: 1, clicks: 1 });
    assert.deepEqual(
      (await store.signals.listImpressions({})).map((i) => i.id),
      ['imp-new'],
    );
    assert.deepEqual(await store.views.mostRead({ since: at('2026-01-01T00:00:00Z'), limit: 5 }), []);
  });

  it('counts every view exactly once when two processes flush overlapping batches at once', async (t) => {
    const setup = await open(engine, t);
    await setup.transaction(async (tx) => {
      for (const id of ['s1', 's2', 's3', 's4']) await putStory(tx, makeStory({ id }));
    });
    // 4 stories × 60 browsers, every view sent by both processes (in different orders), profiled.
    const views: Array<[string, string, string, boolean]> = [];
    for (let v = 0; v < 60; v++) {
      ['s1', 's2', 's3', 's4'].forEach((s, i) => {
        views.push([s, `v${v}`, new Date(Date.UTC(2026, 0, 10, 10, v % 60, i)).toISOString(), true]);
      });
    }
    const job = { url: engine.url, searchPath: engine.searchPath };
    const writers = [startBeaconProcess({ ...job, views }), startBeaconProcess({ ...job, views: [...views].reverse() })];
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();
    const results = await Promise.all(writers.map((w) => w.done));
    assert.deepEqual(
      results.map((r) => r.errors),
      [[], []],
    );
    const total = (await setup.signals.hourlyViews({ since: at('2026-01-10T00:00:00Z') })).reduce((sum, r) => sum + r.count, 0);
    assert.equal(total, 240);
    // Each browser read s1, s2, s3, s4 in that order: 6 ordered pairs each, counted once.
    const pairs = await setup.signals.coVisits({ since: at('2026-01-10T00:00:00Z') });
    assert.equal(
      pairs.reduce((sum, p) => sum + p.count, 0),
      60 * 6,
    );
  });
});
