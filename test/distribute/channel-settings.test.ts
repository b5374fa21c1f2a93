import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createChannelRegistry } from '../../src/distribute/channel-registry.js';
import { resolveTelegram } from '../../src/distribute/channel-settings.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

const now = new Date('2026-03-01T12:00:00Z');

async function open(t: { after: (fn: () => Promise<void>) => unknown }): Promise<Store> {
  const store = await openStore({ url: `sqlite:${join(await createTmpDir(t), 'lede.db')}` });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

describe('channel settings', () => {
  it('takes each Telegram value from the environment when set there, else from the settings, and says which', async (t) => {
    const store = await open(t);
    await store.settings.set('telegram', { botToken: 'from-settings', chatId: '@settings_chat' });
    const resolved = resolveTelegram({ botToken: 'from-env' }, await store.settings.get('telegram'));
    assert.deepEqual(resolved.settings, { botToken: 'from-env', chatId: '@settings_chat', apiBase: 'https://api.telegram.org' });
    assert.deepEqual(resolved.setBy, { botToken: 'env', chatId: 'settings', apiBase: 'default' });
    const incomplete = resolveTelegram({}, { botToken: 'only-a-token' });
    assert.equal(incomplete.settings, undefined);
  });

  it('writes the channels the outbox fans out to, without secrets, and registers the webhooks listed in settings once', async (t) => {
    const store = await open(t);
    await store.settings.set('purge', { url: 'https://cdn.example/purge', token: 'cdn-secret' });
    await assert.rejects(
      store.settings.set('webhooks', [{ url: 'ftp://partner.example/hook', secret: 'hook-secret' }]),
      /setting "webhooks": `0.url` must be an http\(s\) URL/,
    );
    await assert.rejects(
      store.settings.set('webhooks', [{ url: 'https://other.example/hook', events: ['kill'] } as never]),
      /setting "webhooks": `0.secret`/,
    );
    await store.settings.set('webhooks', [{ url: 'https://partner.example/hook', secret: 'hook-secret', events: ['kill'] }]);
    const registry = createChannelRegistry({
      store,
      telegram: { botToken: 'env-token', chatId: '@env_chat', apiBase: 'http://127.0.0.1:9' },
      mediaDir: '/nonexistent',
    });
    await registry.sync(now);
    await registry.sync(now);
    const channels = await store.channels.list();
    assert.deepEqual(
      channels.map((c) => `${c.name}:${c.enabled}`),
      ['purge:true', 'telegram:true'],
    );
    const text = JSON.stringify(channels);
    assert.ok(!text.includes('env-token') && !text.includes('cdn-secret'), text);
    assert.deepEqual(channels.find((c) => c.name === 'telegram')?.config.setBy, { botToken: 'env', chatId: 'env', apiBase: 'env' });
    const hooks = await store.webhooks.list();
    assert.deepEqual(
      hooks.map((h) => [h.url, h.events]),
      [['https://partner.example/hook', ['kill']]],
    );
    assert.deepEqual([...(await registry.resolve()).keys()].sort(), ['purge', 'telegram', 'webhook:1']);
  });
});
