import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHistory } from './history-cookie.js';

describe('readHistory', () => {
  it('reads comma-separated ids from the lede_h cookie', () => {
    assert.deepEqual(readHistory('a=1; lede_h=s1,s2,s3; b=2'), ['s1', 's2', 's3']);
  });

  it('accepts percent-encoded commas and quoted values', () => {
    assert.deepEqual(readHistory('lede_h=s1%2Cs2'), ['s1', 's2']);
    assert.deepEqual(readHistory('lede_h="s1,s2"'), ['s1', 's2']);
  });

  it('drops malformed ids, duplicates and everything past 50', () => {
    const many = Array.from({ length: 60 }, (_, i) => `s${i}`).join(',');
    assert.equal(readHistory(`lede_h=${many}`).length, 50);
    assert.deepEqual(readHistory('lede_h=s1,,s1,<script>,s2'), ['s1', 's2']);
  });

  it('returns nothing without the cookie or with broken encoding', () => {
    assert.deepEqual(readHistory(undefined), []);
    assert.deepEqual(readHistory('other=1'), []);
    assert.deepEqual(readHistory('lede_h=%E0%A4%A'), []);
  });
});
