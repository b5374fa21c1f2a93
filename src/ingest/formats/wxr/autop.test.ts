import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autop } from './autop.js';
import { stripShortcodes } from './shortcodes.js';

describe('autop', () => {
  it('makes blank-line blocks paragraphs and single newlines <br />', () => {
    assert.equal(autop('One\ntwo\n\nThree'), '<p>One<br />\ntwo</p>\n<p>Three</p>');
    assert.equal(autop('One\r\n\r\nTwo\r\n'), '<p>One</p>\n<p>Two</p>');
    assert.equal(autop('  \n\n  '), '');
  });

  it('leaves block elements alone and wraps the text around them', () => {
    assert.equal(autop('Intro\n<h2>Title</h2>\nMore'), '<p>Intro</p>\n<h2>Title</h2>\n<p>More</p>');
    assert.equal(autop('<ul>\n<li>a</li>\n<li>b</li>\n</ul>'), '<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    const quote = autop('<blockquote>\nSaid once.\n\nSaid twice.\n</blockquote>');
    assert.equal(quote.replace(/\s*\n\s*/g, ''), '<blockquote><p>Said once.</p><p>Said twice.</p></blockquote>');
    assert.equal(autop('<img src="a.jpg" /> caption'), '<p><img src="a.jpg" /> caption</p>');
  });

  it('keeps the line breaks of <pre> as they are', () => {
    assert.equal(autop('Before\n\n<pre>a\n\nb</pre>\n\nAfter'), '<p>Before</p>\n<pre>a\n\nb</pre>\n<p>After</p>');
  });
});

describe('stripShortcodes', () => {
  it('removes enclosing shortcodes and keeps what they enclose, nested too', () => {
    assert.equal(stripShortcodes('[caption id="a1" width="300"]<img src="x.jpg" /> A boat[/caption]'), '<img src="x.jpg" /> A boat');
    assert.equal(stripShortcodes('[column][quote by="A"]Hi[/quote][/column]'), 'Hi');
  });

  it('removes self-closing and attribute shortcodes, and the standalone ones WordPress ships', () => {
    assert.equal(stripShortcodes('a [gallery ids="1,2"] b'), 'a  b');
    assert.equal(stripShortcodes('a [gallery] b [embed /] c [myplugin x=1] d'), 'a  b  c  d');
  });

  it('keeps bracketed news text and WordPress escapes', () => {
    assert.equal(stripShortcodes('He said [sic] it, [Updated 5pm] and see [1].'), 'He said [sic] it, [Updated 5pm] and see [1].');
    assert.equal(stripShortcodes('Type [[gallery]] to show one.'), 'Type [gallery] to show one.');
  });
});
