import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSetting, maskSecrets, settingKeys, settingsCatalogue } from './settings-catalogue.js';

describe('settings catalogue', () => {
  it('declares defaults that pass their own schema, and a description for each key', () => {
    for (const key of settingKeys) {
      const definition = settingsCatalogue[key];
      assert.deepEqual(checkSetting(key, definition.default), { ok: true, value: definition.default }, key);
      assert.match(definition.description, /^[A-Z].{20,}\.$/, key);
    }
  });

  it('fills in the defaults of the fields a value leaves out', () => {
    assert.deepEqual(checkSetting('site', { name: 'The Daily Lede' }), {
      ok: true,
      value: { name: 'The Daily Lede', description: 'News', language: 'en' },
    });
    assert.deepEqual(checkSetting('feeds', {}), { ok: true, value: { fullText: true } });
  });

  it('names the first bad field and the reason', () => {
    assert.deepEqual(checkSetting('callouts', [{ text: 'Join', href: '//evil.example', afterParagraph: 1 }]), {
      ok: false,
      field: '0.href',
      reason: 'must be an http(s), mailto: or tg: link, or a path starting with /',
    });
    assert.deepEqual(checkSetting('websub', { hub: 'ftp://hub.example' }), { ok: false, field: 'hub', reason: 'must be an http(s) URL' });
    assert.equal(checkSetting('telegram', { chatId: 'lede_news' }).ok, false, 'a channel name needs its @');
    assert.equal(checkSetting('purge', { token: 'x' }).ok, false, 'a purge without a URL');
  });

  it('masks secrets of an object and of each entry of a list', () => {
    assert.deepEqual(maskSecrets('telegram', { botToken: '123:abc', chatId: '@x' }), { botToken: '***', chatId: '@x' });
    assert.deepEqual(maskSecrets('purge', null), null);
    assert.deepEqual(maskSecrets('webhooks', [{ url: 'https://a.example', secret: 's' }]), [{ url: 'https://a.example', secret: '***' }]);
    assert.deepEqual(maskSecrets('site', { name: 'Lede' }), { name: 'Lede' });
  });
});
