import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beaconStoryId } from './beacon.js';
import { prefersJson } from './fragments.js';

describe('prefersJson', () => {
  it('is true only when JSON ranks above HTML', () => {
    assert.equal(prefersJson('application/json'), true);
    assert.equal(prefersJson('text/html, application/json;q=0.9'), false);
    assert.equal(prefersJson('text/html;q=0.5, application/json'), true);
    assert.equal(prefersJson('*/*'), false);
    assert.equal(prefersJson(undefined), false);
    assert.equal(prefersJson('application/json;q=0'), false);
  });
});

describe('beaconStoryId', () => {
  it('reads the id from a parsed or a text JSON body', () => {
    assert.equal(beaconStoryId({ id: 'abc-1' }), 'abc-1');
    assert.equal(beaconStoryId('{"id":"abc-1"}'), 'abc-1');
  });

  it('refuses anything else', () => {
    for (const body of [undefined, null, '', 'abc', '[]', '{"id":1}', { id: '' }, { id: 'a b' }, { id: 'x'.repeat(200) }]) {
      assert.equal(beaconStoryId(body), undefined, JSON.stringify(body));
    }
  });
});
