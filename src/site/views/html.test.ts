import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitized } from '../../../test/helpers/body.js';
import { trustedHtml } from '../../core/escape.js';
import { html, isSafeHtml, join, raw, safeHref } from './html.js';

describe('html', () => {
  it('escapes every interpolated string', () => {
    const text = `<script>alert("x") & 'y'</script>`;
    assert.equal(html`<p>${text}</p>`.toString(), '<p>&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;</p>');
  });

  it('escapes inside attributes so a value cannot close the quote', () => {
    const title = `" onmouseover="alert(1)`;
    assert.equal(html`<a title="${title}">x</a>`.toString(), '<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it('keeps raw and nested templates as they are', () => {
    const inner = html`<em>${'a<b'}</em>`;
    assert.equal(html`<p>${inner}${raw(trustedHtml`<br>`)}</p>`.toString(), '<p><em>a&lt;b</em><br></p>');
  });

  it('takes a sanitised body or trusted HTML raw, and a plain string only as escaped text', () => {
    assert.equal(html`${raw(sanitized('<p>a <b>b</b></p>'))}`.toString(), '<p>a <b>b</b></p>');
    // @ts-expect-error a plain string is not HTML: typecheck fails if raw() ever takes one
    raw('<b>x</b>');
  });

  it('joins arrays and escapes their plain strings', () => {
    const items = ['<a>', html`<li>b</li>`, ['c', raw(trustedHtml`<hr>`)]];
    assert.equal(html`<ul>${items}</ul>`.toString(), '<ul>&lt;a&gt;<li>b</li>c<hr></ul>');
  });

  it('renders null, undefined and booleans as nothing and numbers as text', () => {
    assert.equal(html`${null}${undefined}${false}${true}${0}${42}`.toString(), '042');
  });

  it('returns a SafeHtml whose toString is the markup', () => {
    const out = html`<b>${'x'}</b>`;
    assert.ok(isSafeHtml(out));
    assert.equal(`${out}`, '<b>x</b>');
    assert.equal(isSafeHtml('<b>x</b>'), false);
  });

  it('joins with an escaped separator', () => {
    assert.equal(join(['a', 'b<'], ' & ').toString(), 'a &amp; b&lt;');
  });
});

describe('safeHref', () => {
  it('keeps web, mail, Telegram and site-relative links', () => {
    for (const href of ['https://t.me/x', 'http://a.example/', 'mailto:a@b.c', 'tg://resolve?domain=x', '/world/']) {
      assert.equal(safeHref(href), href);
    }
  });

  it('refuses script, data and protocol-relative links', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', '//evil.example/']) {
      assert.equal(safeHref(href), '#');
    }
  });
});
