import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeBody } from './sanitize.js';

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

  it('allows iframes only from configured embed hosts', () => {
    const html = '<iframe src="https://www.youtube.com/embed/x"></iframe><iframe src="https://evil.example/x"></iframe>';
    assert.equal(sanitizeBody(html), '');
    assert.equal(sanitizeBody(html, { embedHosts: ['www.youtube.com'] }), '<iframe src="https://www.youtube.com/embed/x"></iframe>');
  });
});
