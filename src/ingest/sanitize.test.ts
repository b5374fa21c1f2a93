import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { finishBody } from './formats/html-body.js';
import { sanitizeBody, toSanitizedHtml } from './sanitize.js';

describe('sanitizeBody', () => {
  it('removes scripts, event handlers, styles and javascript: URLs', () => {
    const html = sanitizeBody(
      '<p onclick="x()" style="color:red">Hi <a href="javascript:alert(1)">x</a></p><script>alert(1)</script><style>p{}</style>',
    );
    assert.equal(html, '<p>Hi <a>x</a></p>');
  });

  it('keeps allowed structure, links and image dimensions', () => {
    const html = sanitizeBody(
      '<h2>Cross</h2><p><strong>a</strong> <a href="https://example.com/x">b</a></p><figure><img src="https://example.com/p.jpg" alt="A" width="800" height="600"><figcaption>c</figcaption></figure>',
    );
    assert.equal(
      html,
      '<h2>Cross</h2><p><strong>a</strong> <a href="https://example.com/x">b</a></p><figure><img src="https://example.com/p.jpg" alt="A" width="800" height="600" /><figcaption>c</figcaption></figure>',
    );
  });

  it('drops empty paragraphs', () => {
    assert.equal(sanitizeBody('<p>a</p><p> </p><p>&nbsp;</p><p></p><p>b</p>'), '<p>a</p><p>b</p>');
  });

  it('keeps escaped markup as text', () => {
    assert.equal(sanitizeBody('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('repairs a heading holding paragraphs or headings, and leaves no close tag behind', () => {
    assert.equal(sanitizeBody('<h4><p>Title</p></h4><p>Text</p>'), '<h4>Title</h4><p>Text</p>');
    assert.equal(sanitizeBody('<h2>a<p>b</p><h3>c</h3> d</h2>'), '<h2>a b c d</h2>');
    // Found by the paragraphs property test: a paragraph left open, and a heading inside it.
    assert.equal(sanitizeBody('<h2><p>!<b><h2>'), '<h2>!<b> </b></h2>');
    assert.equal(sanitizeBody('<h2 class="x">T</h2><p>a <b>b</b></p>'), '<h2>T</h2><p>a <b>b</b></p>');
  });

  it('allows iframes only from configured embed hosts', () => {
    const html = '<iframe src="https://www.youtube.com/embed/x"></iframe><iframe src="https://evil.example/x"></iframe>';
    assert.equal(sanitizeBody(html), '');
    assert.equal(sanitizeBody(html, { embedHosts: ['www.youtube.com'] }), '<iframe src="https://www.youtube.com/embed/x"></iframe>');
  });
});

describe('toSanitizedHtml', () => {
  it('passes a body in the form the sanitiser writes unchanged', () => {
    const bodies = [
      '<p>a &amp; b &lt;c&gt; "quoted" it\'s 😀</p><h2>Cross</h2><p>x<br />y<br />z</p>',
      '<figure><img src="https://example.com/p.jpg?w=1&amp;h=2" alt="A &quot;B&quot;" width="800" height="600" /><figcaption>c</figcaption></figure>',
      '<ul><li><a href="https://example.com/x">b</a></li><li><a href="/world/">local</a> <a href="mailto:a@b.c">mail</a></li></ul>',
      '<blockquote><p><em>q</em> <strong>s</strong></p></blockquote><p><img src="/media/abc" alt="" /></p>',
    ];
    for (const body of bodies) assert.equal(toSanitizedHtml(body), body);
  });

  it('sanitises anything else, exactly as sanitizeBody does', () => {
    const attacks = [
      '<p onclick="x()">a</p>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="JavaScript:alert(1)">x</a>',
      '<a href="java&#115;cript:alert(1)">x</a>',
      '<a href="javascript&colon;alert(1)">x</a>',
      '<a href="java\tscript:alert(1)">x</a>',
      '<a href="//evil.example/">x</a>',
      '<a href="/\\evil.example/">x</a>',
      '<img src="data:image/svg+xml,x" />',
      '<img src="x" onerror="alert(1)" />',
      '<p>a</p><script>alert(1)</script>',
      '<p>a</p><!-- <script> -->',
      '<p>unclosed',
      '<p>a</b></p>',
      '</p>',
      '<P>upper</P>',
      "<a href='https://example.com/'>single quotes</a>",
      '<p>a > b</p>',
      '<p>a & b</p>',
      '<a href="https://example.com/"\u226f onmouseover=alert(1) x</a>',
      '<iframe src="https://www.youtube.com/embed/x"></iframe>',
      '<style>p{}</style><p>x</p>',
      '<p style="color:red">x</p>',
      '<img src="x">text</img>',
    ];
    for (const html of attacks) {
      const out = toSanitizedHtml(html);
      assert.equal(out, sanitizeBody(html), html);
      assert.doesNotMatch(out, /on[a-z]+=|javascript|&colon;|<script|style=|\/\/evil/i, html);
    }
  });

  it('accepts a body only when sanitize-html would leave it as it is', () => {
    const text = fc.constantFrom(
      'w',
      'a &amp; b',
      '&lt;x&gt;',
      '"q"',
      "it's",
      '😀',
      '\u0338 onmouseover=alert(1)',
      'a > b',
      '&colon;',
      '&',
      'x\u0000y',
    );
    const url = fc.constantFrom(
      'https://example.com/a?b=1&amp;c=2',
      '/media/x',
      'page.html#top',
      'mailto:a@b.c',
      'javascript:alert(1)',
      'java&#115;cript:x',
      '//evil.example/',
      'data:x',
      ' https://example.com/',
    );
    const inline: fc.Arbitrary<string> = fc.oneof(
      text,
      fc.tuple(fc.constantFrom('b', 'strong', 'em', 'i', 'u', 'sub', 'sup'), text).map(([tag, t]) => `<${tag}>${t}</${tag}>`),
      fc.tuple(url, text).map(([href, t]) => `<a href="${href}">${t}</a>`),
      fc.tuple(url, text).map(([src, alt]) => `<img src="${src}" alt="${alt}" />`),
      fc.constantFrom('<br />', '<br>', '<span>w</span>', '<b onclick="x">w</b>', "<a href='x'>w</a>", '<img src="x" onerror="y" />'),
    );
    const block = fc
      .tuple(fc.constantFrom('p', 'h2', 'h3', 'h4', 'blockquote', 'pre', 'ul', 'div'), fc.array(inline, { minLength: 1, maxLength: 4 }))
      .map(([tag, parts]) => {
        const inner = `w${parts.join('')}`;
        if (tag === 'ul') return `<ul><li>${inner}</li></ul>`;
        if (tag === 'blockquote') return `<blockquote><p>${inner}</p></blockquote>`;
        return `<${tag}>${inner}</${tag}>`;
      });
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (blocks) => {
        const html = blocks.join('');
        const out = toSanitizedHtml(html);
        if (out === html) assert.equal(sanitizeBody(html), html);
        else assert.equal(out, sanitizeBody(html));
      }),
      { numRuns: 400 },
    );
  });
});

describe('finishBody', () => {
  it('normalises to NFC before sanitising, so a combining mark cannot turn text into attributes', () => {
    const body = finishBody('<p><a href="https://example.com/">\u0338 onmouseover=alert(1) x</a> y</p>') ?? '';
    assert.match(body, /^<p><a href="https:\/\/example\.com\/">/);
    assert.doesNotMatch(body, /"\u226f/);
  });
});
