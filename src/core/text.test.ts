import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToText } from './text.js';

describe('htmlToText', () => {
  it('gives one line per block, one space per run of blanks, entities decoded, trimmed', () => {
    assert.equal(
      htmlToText('<p>Dock  workers\tstruck.</p><p>Talks <b>resume</b>&nbsp;&amp; go on.</p>'),
      'Dock workers struck.\nTalks resume & go on.',
    );
    assert.equal(htmlToText(' <h2>Title</h2>\n\n <ul><li>one</li><li>two<br />three</li></ul> '), 'Title\none\ntwo\nthree');
    assert.equal(htmlToText('a\u00a0\u00a0b \u2003 c\r\nd'), 'a\u00a0\u00a0b \u2003 c\nd');
    // A `<` with no `>` after it is text; tags are removed before entities are decoded.
    assert.equal(htmlToText('1 &lt;b&gt; <i>x</i> < 2'), '1 <b> x < 2');
    assert.equal(htmlToText('&am<b></b>p; &#x41;&#66;&bogus;'), '& AB&bogus;');
  });

  it('is linear: inputs that made its regular expressions quadratic take milliseconds', () => {
    const started = performance.now();
    assert.equal(htmlToText(`x${'<'.repeat(2_000_000)}`).length, 2_000_001);
    assert.equal(htmlToText(`x${'\u00a0'.repeat(2_000_000)}y`).length, 2_000_002);
    assert.equal(htmlToText(`x${' \t'.repeat(1_000_000)}y`), 'x y');
    const ms = performance.now() - started;
    // Quadratic, the first of these took hours (20,000 of them took 0.4 s).
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });
});
