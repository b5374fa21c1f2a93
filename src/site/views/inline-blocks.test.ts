import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitized } from '../../../test/helpers/body.js';
import { html } from './html.js';
import { type InlineBlockOptions, insertInlineBlocks as insert, readAlsoPositions, slotPositions } from './inline-blocks.js';
import { topLevelParagraphEnds } from './paragraph-ends.js';

/** The blocks inserted into `body` (a string the sanitiser lets through), as markup. */
const insertInlineBlocks = (body: string, options: InlineBlockOptions) => insert(sanitized(body), options).toString();

const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>P${i + 1}</p>`).join('');
const callout = { text: 'Join us', href: 'https://t.me/x', afterParagraph: 2, every: 4 };
const calloutHtml = '<aside class="callout"><a href="https://t.me/x">Join us</a></aside>';

describe('topLevelParagraphEnds', () => {
  it('ignores paragraphs nested in blockquotes and lists', () => {
    const body = '<p>a</p><blockquote><p>q1</p><p>q2</p></blockquote><ul><li><p>l</p></li></ul><p>b</p>';
    const ends = topLevelParagraphEnds(body);
    assert.equal(ends.length, 2);
    assert.equal(body.slice(0, ends[1]), body);
  });

  it('copes with void elements, self-closing tags, comments and > inside attributes', () => {
    const body = '<p>a<br>b<img src="x" alt="1 > 0"/></p><!-- <p> --><figure><img src="y"></figure><p>c</p>';
    assert.equal(topLevelParagraphEnds(body).length, 2);
  });
});

describe('slotPositions', () => {
  it('repeats every M paragraphs and never at the last one', () => {
    assert.deepEqual(slotPositions(2, 4, 11), [2, 6, 10]);
    assert.deepEqual(slotPositions(2, 4, 10), [2, 6]);
    assert.deepEqual(slotPositions(2, undefined, 10), [2]);
    assert.deepEqual(slotPositions(3, 1, 3), []);
  });

  it('ignores nonsense positions', () => {
    assert.deepEqual(slotPositions(0, 2, 10), []);
    assert.deepEqual(slotPositions(1.5, 2, 10), []);
    assert.deepEqual(slotPositions(1, -1, 10), [1]);
  });
});

describe('readAlsoPositions', () => {
  it('keeps the configured paragraphs before the last one', () => {
    assert.deepEqual(readAlsoPositions([2, 5, 9], 12), [2, 5, 9]);
    assert.deepEqual(readAlsoPositions([2, 5, 9], 9), [2, 5]);
  });

  it('still finds a place in a story too short for any of them', () => {
    assert.deepEqual(readAlsoPositions([5, 9], 4), [2]);
    assert.deepEqual(readAlsoPositions([5], 2), [1]);
    assert.deepEqual(readAlsoPositions([5], 1), [1]);
    assert.deepEqual(readAlsoPositions([5], 0), []);
  });
});

describe('insertInlineBlocks', () => {
  it('puts a call-out right after paragraph N, and the next call-out M paragraphs later, never one twice', () => {
    const once = insertInlineBlocks(paragraphs(7), { callouts: [callout] });
    assert.equal(once, `<p>P1</p><p>P2</p>${calloutHtml}<p>P3</p><p>P4</p><p>P5</p><p>P6</p><p>P7</p>`);
    const facebook = { text: 'Follow us on Facebook', href: 'https://facebook.com/lede', afterParagraph: 2, every: 4 };
    const two = insertInlineBlocks(paragraphs(11), { callouts: [facebook, callout] });
    assert.deepEqual(
      [...two.matchAll(/<p>P(\d+)<\/p><aside class="callout"><a [^>]+>([^<]+)</g)].map((m) => [m[1], m[2]]),
      [
        ['2', 'Follow us on Facebook'],
        ['6', callout.text],
      ],
    );
  });

  it('marks a call-out in another language than the article with its own lang and dir', () => {
    const out = insertInlineBlocks(paragraphs(3), { callouts: [{ ...callout, language: 'en' }], language: 'ar' });
    assert.match(out, /<aside class="callout" lang="en" dir="ltr">/);
    const same = insertInlineBlocks(paragraphs(3), { callouts: [{ ...callout, language: 'en-GB' }], language: 'en' });
    assert.match(same, /<aside class="callout"><a/);
  });

  it('never puts a block after the last paragraph', () => {
    assert.equal(insertInlineBlocks(paragraphs(2), { callouts: [callout] }), paragraphs(2));
    assert.equal(insertInlineBlocks(paragraphs(6), { callouts: [callout] }).endsWith('<p>P6</p>'), true);
  });

  it('does not count a paragraph inside a blockquote', () => {
    const body = '<p>P1</p><blockquote><p>Q</p></blockquote><p>P2</p><p>P3</p>';
    const out = insertInlineBlocks(body, { callouts: [{ ...callout, every: undefined }] });
    assert.equal(out, `<p>P1</p><blockquote><p>Q</p></blockquote><p>P2</p>${calloutHtml}<p>P3</p>`);
  });

  it('puts each Read also aside after its configured paragraph, in order', () => {
    const asides = ['a', 'b', 'c'].map((x) => html`<aside class="read-also">${x}</aside>`);
    const out = insertInlineBlocks(paragraphs(10), { readAlso: { afterParagraphs: [9, 2, 5], asides } });
    const found = [...out.matchAll(/<p>P(\d+)<\/p><aside class="read-also">(\w)<\/aside>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(found, [
      ['2', 'a'],
      ['5', 'b'],
      ['9', 'c'],
    ]);
  });

  it('places a call-out before a Read also aside on the same paragraph', () => {
    const asides = [html`<aside class="read-also">x</aside>`];
    const out = insertInlineBlocks(paragraphs(5), {
      callouts: [{ ...callout, afterParagraph: 4 }],
      readAlso: { afterParagraphs: [4], asides },
    });
    assert.ok(out.includes(`<p>P4</p>${calloutHtml}<aside class="read-also"`));
  });

  it('escapes call-out text and refuses script links', () => {
    const out = insertInlineBlocks(paragraphs(3), { callouts: [{ text: '<b>x</b>', href: 'javascript:alert(1)', afterParagraph: 1 }] });
    assert.ok(out.includes('<aside class="callout"><a href="#">&lt;b&gt;x&lt;/b&gt;</a></aside>'));
  });

  it('returns the body unchanged when there is nothing to insert', () => {
    const body = '<p>only</p>';
    assert.equal(insertInlineBlocks(body, { callouts: [] }), body);
  });
});
