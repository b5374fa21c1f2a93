import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageCount, parsePage } from './pagination.js';

describe('parsePage', () => {
  it('is 1 without a page parameter', () => {
    assert.equal(parsePage(undefined), 1);
  });

  it('accepts plain positive integers', () => {
    assert.equal(parsePage('1'), 1);
    assert.equal(parsePage('12'), 12);
  });

  it('refuses zero, negatives, decimals, padding, text and repeated parameters', () => {
    for (const value of ['0', '-1', '1.5', '01', ' 2', 'abc', '', '1e3', '9999999', ['1', '2']]) {
      assert.equal(parsePage(value), undefined, String(value));
    }
  });
});

describe('pageCount', () => {
  it('is at least 1 and rounds up', () => {
    assert.equal(pageCount(0), 1);
    assert.equal(pageCount(20), 1);
    assert.equal(pageCount(21), 2);
  });
});
