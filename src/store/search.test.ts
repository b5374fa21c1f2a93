import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippetToHtml } from './search.js';

const [start, end] = [String.fromCharCode(2), String.fromCharCode(3)];

describe('snippetToHtml', () => {
  it('marks each match and escapes everything else', () => {
    assert.equal(
      snippetToHtml(`<b>a & ${start}desalination${end} "plant" ${start}<i>${end}`),
      '&lt;b&gt;a &amp; <mark>desalination</mark> "plant" <mark>&lt;i&gt;</mark>',
    );
  });

  it('closes a match the engine cut short and drops a stray end mark', () => {
    assert.equal(snippetToHtml(`a${end} b ${start}cut`), 'a b <mark>cut</mark>');
  });
});
