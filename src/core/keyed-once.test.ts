import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyedOnce } from './keyed-once.js';

describe('keyedOnce', () => {
  it('loads each key once and hands the first value to later calls, undefined included', () => {
    const once = keyedOnce<string | undefined>();
    const loads: string[] = [];
    const load = (key: string, value: string | undefined) => () => {
      loads.push(key);
      return value;
    };
    assert.equal(once('a', load('a', 'first')), 'first');
    assert.equal(once('a', load('a', 'second')), 'first');
    assert.equal(once('b', load('b', undefined)), undefined);
    assert.equal(once('b', load('b', 'late')), undefined);
    assert.deepEqual(loads, ['a', 'b']);
  });
});
