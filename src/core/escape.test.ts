import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeHtmlAttribute,
  escapeHtmlText,
  escapeScriptJson,
  escapeXml,
  joinTrustedHtml,
  type TrustedHtml,
  trustedHtml,
} from './escape.js';

const astral = '😀 𝒳 𠜎 🇫🇷';

describe('escapeHtmlText', () => {
  it('escapes the characters that start markup or an entity', () => {
    assert.equal(escapeHtmlText('<script>a && b</script>'), '&lt;script&gt;a &amp;&amp; b&lt;/script&gt;');
  });

  it('escapes an entity so that it reads as written', () => {
    assert.equal(escapeHtmlText('&lt;b&gt; &#106;'), '&amp;lt;b&amp;gt; &amp;#106;');
  });

  it('keeps quotes, astral characters and right-to-left text as they are', () => {
    assert.equal(escapeHtmlText(`"it's" ${astral} بقلم`), `"it's" ${astral} بقلم`);
  });
});

describe('escapeHtmlAttribute', () => {
  it('escapes both quotes, so a value cannot close a single- or double-quoted attribute', () => {
    assert.equal(escapeHtmlAttribute(`" onmouseover="alert(1)`), '&quot; onmouseover=&quot;alert(1)');
    assert.equal(escapeHtmlAttribute(`' onmouseover='alert(1)`), '&#39; onmouseover=&#39;alert(1)');
    assert.equal(escapeHtmlAttribute(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });

  it('keeps astral characters whole (no surrogate half escaped or lost)', () => {
    const out = escapeHtmlAttribute(`a"${astral}"b`);
    assert.equal(out, `a&quot;${astral}&quot;b`);
    assert.equal([...out].filter((ch) => ch.codePointAt(0)! > 0xffff).length, 5);
  });
});

describe('escapeXml', () => {
  it('escapes markup and both quotes with the entities XML predefines', () => {
    assert.equal(escapeXml(`</title><x a="1" b='2'> & more`), '&lt;/title&gt;&lt;x a=&quot;1&quot; b=&apos;2&apos;&gt; &amp; more');
  });

  it('drops the characters XML 1.0 forbids and keeps the rest of Unicode', () => {
    assert.equal(escapeXml('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\uDFFFg'), 'abcdefg');
    assert.equal(escapeXml('tab\tline\nCR\r'), 'tab\tline\nCR\r');
    assert.equal(escapeXml(`Skærholm ${astral} بقلم`), `Skærholm ${astral} بقلم`);
  });

  it('drops a lone surrogate next to a whole pair without breaking the pair', () => {
    assert.equal(escapeXml('\uD83D\uD83D\uDE00\uDE00'), '😀');
  });
});

describe('escapeScriptJson', () => {
  it('cannot close the script element or open a comment, and still parses to the same value', () => {
    const value = { a: '</script><!-- & \u2028\u2029', b: astral };
    const out = escapeScriptJson(value);
    assert.ok(!/[<>&\u2028\u2029]/.test(out), out);
    assert.deepEqual(JSON.parse(out), value);
  });
});

describe('trustedHtml', () => {
  it('escapes every interpolated value, for text and attributes alike', () => {
    const term = `<b title="x">'&'</b>`;
    assert.equal(
      trustedHtml`<mark title="${term}">${term}</mark>`,
      `<mark title="${escapeHtmlAttribute(term)}">${escapeHtmlAttribute(term)}</mark>`,
    );
    assert.equal(trustedHtml`<i>${42}</i>`, '<i>42</i>');
  });

  it('joins trusted pieces with a trusted separator', () => {
    const parts: TrustedHtml[] = [escapeHtmlText('a<'), trustedHtml`<br>`, escapeHtmlText('b')];
    assert.equal(joinTrustedHtml(parts), 'a&lt;<br>b');
    assert.equal(joinTrustedHtml(parts, trustedHtml`<hr>`), 'a&lt;<hr><br><hr>b');
  });
});
