import assert from 'node:assert/strict';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isLedeError } from '../../src/core/errors.js';
import { settingKeys, settingsCatalogue } from '../../src/core/settings-catalogue.js';
import { openStore } from '../../src/store/open.js';
import type { InvalidSetting } from '../../src/store/settings.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }, reports: InvalidSetting[] = []): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath, onInvalidSetting: (p) => reports.push(p) });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

/** Writes a row as an older release (or a hand-edited database) might have left it, past validation. */
async function writeRaw(engine: TestEngine, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  if (engine.name === 'sqlite') {
    const db = new Database(engine.url.slice('sqlite:'.length));
    db.prepare('update settings set value = ? where key = ?').run(json, key);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: engine.url });
  await client.connect();
  await client.query('update settings set value = $1 where key = $2', [json, key]);
  await client.end();
}

describeEngines('settings catalogue', { migrated: true }, (engine) => {
  it('reads every key typed, with its default until set', async (t) => {
    const store = await open(engine, t);
    for (const key of settingKeys) {
      assert.deepEqual(await store.settings.get(key), settingsCatalogue[key].default, key);
      assert.equal((await store.settings.inspect(key)).origin, 'default', key);
    }
    await store.settings.set('api', { requireKey: true });
    assert.deepEqual(await store.settings.get('api'), { requireKey: true, perMinute: 120, keyPerMinute: 1200 });
    assert.equal((await store.settings.inspect('api')).origin, 'stored');
  });

  it('refuses an invalid value, naming the key, the field and the reason, and keeps the stored one', async (t) => {
    const store = await open(engine, t);
    const callouts = [{ text: 'Join us', href: 'https://t.me/x', afterParagraph: 2 }];
    await store.settings.set('callouts', callouts);
    const bad = [{ text: 'Join us', href: 'javascript:alert(1)', afterParagraph: 2 }];
    await assert.rejects(
      store.settings.set('callouts', bad),
      (error) =>
        isLedeError(error, 'LEDE_SETTINGS_INVALID') &&
        error.details.key === 'callouts' &&
        error.details.field === '0.href' &&
        /^setting "callouts": `0.href` must be an http\(s\), mailto: or tg: link/.test(error.message),
    );
    await assert.rejects(store.settings.set('feeds', { fulltext: false } as never), /setting "feeds": the value .*fulltext/i);
    await assert.rejects(store.settings.set('api', { perMinute: 0 }), /`perMinute` must be at least 1/);
    await assert.rejects(store.settings.set('telegram', { botToken: '***' }), /`botToken` is the mask/);
    await assert.rejects(store.settings.set('nonsense' as never, {} as never), /unknown setting "nonsense" \(known: site, callouts/);
    assert.deepEqual(await store.settings.get('callouts'), callouts);
  });

  it('falls back to the default for a stored value that no longer validates, and reports it once', async (t) => {
    const reports: InvalidSetting[] = [];
    const store = await open(engine, t, reports);
    await store.settings.set('site', { name: 'The Daily Lede' });
    await writeRaw(engine, 'site', { name: 'The Daily Lede', language: 42 });
    assert.deepEqual(await store.settings.get('site'), settingsCatalogue.site.default);
    assert.deepEqual(await store.settings.inspect('site'), {
      key: 'site',
      value: settingsCatalogue.site.default,
      origin: 'invalid',
      problem: { field: 'language', reason: 'Invalid input: expected string, received number' },
    });
    await store.transaction((tx) => tx.settings.get('site'));
    assert.deepEqual(reports, [{ key: 'site', field: 'language', reason: 'Invalid input: expected string, received number' }]);
  });

  it('logs a settings event for every write, in a transaction too, so caches follow', async (t) => {
    const store = await open(engine, t);
    const before = await store.events.latestId();
    await store.settings.set('feeds', { fullText: false });
    await store.transaction((tx) => tx.settings.set('websub', { hub: 'https://hub.example/' }));
    const events = await store.events.listAfter(before, 10);
    assert.deepEqual(
      events.map((e) => [e.kind, e.storyId]),
      [
        ['settings', 'settings:feeds'],
        ['settings', 'settings:websub'],
      ],
    );
  });

  it('keeps internal markers apart from the catalogue', async (t) => {
    const store = await open(engine, t);
    await store.settings.setInternal('demo.seeded', { stories: 3 });
    assert.deepEqual(await store.settings.getInternal('demo.seeded'), { stories: 3 });
    await assert.rejects(store.settings.setInternal('callouts', []), /catalogued setting/);
  });
});
