import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mainBodyHtml, mainHeadline } from '../../core/ninjs.js';
import { parseWireFile } from '../detect.js';
import { sanitizeBody } from '../sanitize.js';

// Issue 10, item 6: noise in bodies, on real and modified samples (test/fixtures/wire/NOTICE.md).
const dir = new URL('../../../test/fixtures/wire/', import.meta.url);
const parse = (path: string) => parseWireFile(readFileSync(new URL(path, dir)), { filename: path });
const bodyOf = (path: string, index = 0) => mainBodyHtml(parse(path)[index]!) ?? '';

describe('noise in bodies (issue 10)', () => {
  it('drops the 1×1 FeedBurner tracking pixel of a real Atom feed and keeps the author picture', () => {
    const html = bodyOf('feeds/ok/feedburner-tracking-pixel.atom');
    assert.ok(!html.includes('feeds.feedburner.com'), html);
    assert.match(html, /<img height="40" width="40" src="https:\/\/lh6\.googleusercontent\.com\/[^"]+" \/> - <a /);
  });

  it('drops zero-size, 1×1, display:none and visibility:hidden images, and a hidden ad block with its text', () => {
    const html = bodyOf('feeds/ok/publisher-noise.rss');
    assert.equal(
      html,
      '<p>The harbour authority brings the summer timetable forward by three weeks.</p>' +
        '<p><img src="https://gazette.example/media/ferry.jpg" width="1200" height="800" alt="The morning ferry" /></p>' +
        '<p>Boats will leave every 40 minutes. </p>',
    );
  });

  it('decodes a second level of character-reference escaping, in bodies and titles; escaped markup stays text', () => {
    const item = parse('feeds/ok/publisher-noise.rss')[1]!;
    assert.equal(mainHeadline(item), 'Canción del puerto wins the festival');
    assert.equal(mainBodyHtml(item), '<p>La canción de María ganó el festival.</p><p>Escaped markup stays text: &amp;lt;b&amp;gt;.</p>');
  });

  it('drops an empty media paragraph opening a NITF body', () => {
    assert.match(bodyOf('nitf/ok/NTB_nitf_empty_media_paragraph.xml'), /^<p>Koronapandemien herjer/);
  });

  it('repairs a <p> nested in an <h4> and keeps TT labels out of the first paragraph of a ninjs body', () => {
    const html = bodyOf('ninjs/ok/tt_text_image_2_h4_nested_p.json');
    assert.match(html, /<h4>Övningen flyttas<\/h4><p>Aurora 20 skulle/);
    assert.match(html, /^<p>Pandemin satte stopp/);
    assert.match(bodyOf('ninjs/ok/tt_text_image_2.json'), /^<p>Pandemin satte stopp/, 'no "FörsvarTT" paragraph');
  });

  it('removes known WordPress and plugin shortcodes; [caption] keeps its content and [sic] stays', () => {
    assert.equal(
      bodyOf('wxr/ok/plugin-shortcodes.xml'),
      '<p><img src="https://valley.example.org/wp-content/uploads/2024/03/library.jpg" alt="The reading room" width="800" height="533" /> The reading room, dried out</p>' +
        '<p>The library on Mill Street reopened on Monday, three months after the flood [sic] reached its shelves.</p>' +
        '<p>Readers can return flood-damaged books without a fee until April.</p>',
    );
  });

  it('sanitises hidden and pixel images away before styles are stripped, and separates label spans', () => {
    assert.equal(
      sanitizeBody(
        '<p>A<img src="https://x.example/a.gif" style="width:1px;height:1px"></p><p><span>Fotboll</span><span>TT</span></p><p hidden>gone</p>',
      ),
      '<p>A</p><p>Fotboll TT</p>',
    );
    // A picture the allowlist refuses (a data: URI) leaves no empty paragraph behind.
    assert.equal(sanitizeBody('<p><img src="data:image/png;base64,AAAA"></p><p>Text</p>'), '<p>Text</p>');
  });
});

describe('ninjs bodies in XML (issue 10)', () => {
  const parseBodies = (bodies: Array<{ contenttype: string; value: string }>) => {
    const warnings: string[] = [];
    const item = { uri: 'http://tt.example/text/1', headlines: [{ role: 'main', value: 'H' }], bodies };
    const [parsed] = parseWireFile(Buffer.from(JSON.stringify(item)), { filename: 'tt.json', warn: (m) => warnings.push(m) });
    return { bodies: parsed!.bodies, warnings };
  };

  it('reads an item whose only body is agency-flavoured NITF by its paragraphs, leaving the headline out', () => {
    const { bodies, warnings } = parseBodies([
      {
        contenttype: 'application/xml',
        value:
          '<TTNITF><BODY><HL1>H</HL1><TEXT><P>First &amp; <B>bold</B>.</P><CITAT><P>A quote</P></CITAT><P>Last</P></TEXT></BODY></TTNITF>',
      },
    ]);
    assert.deepEqual(bodies, [
      {
        role: 'main',
        contenttype: 'text/html',
        value: '<p>First &amp; <b>bold</b>.</p><blockquote><p>A quote</p></blockquote><p>Last</p>',
      },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('reads a NITF body (application/nitf+xml) through body.content', () => {
    const { bodies } = parseBodies([
      {
        contenttype: 'application/nitf+xml',
        value:
          '<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content><p>One</p><p>Two</p></body.content></body></nitf>',
      },
    ]);
    assert.equal(bodies?.[0]?.value, '<p>One</p><p>Two</p>');
  });

  it('warns `FILE: URI: body unreadable (reason)` for XML with no paragraphs, malformed XML and an entity declaration', () => {
    const cases: Array<[string, RegExp]> = [
      [
        '<sports-content><team>A</team><team>B</team></sports-content>',
        /body unreadable \(body application\/xml holds <sports-content>: no paragraphs Lede can read\)$/,
      ],
      ['<story><p>Cut off', /body unreadable \(body application\/xml: not well-formed XML.*\)$/],
      [
        '<!DOCTYPE x [<!ENTITY a "aaaa">]><x><p>&a;</p></x>',
        /body unreadable \(body application\/xml: declares an XML entity at line 1; entity declarations are refused\)$/,
      ],
    ];
    for (const [value, warning] of cases) {
      const { bodies, warnings } = parseBodies([{ contenttype: 'application/xml', value }]);
      assert.equal(bodies, undefined, value);
      assert.equal(warnings.length, 1, value);
      assert.match(warnings[0]!, /^tt\.json: http:\/\/tt\.example\/text\/1: /);
      assert.match(warnings[0]!, warning);
    }
  });

  it('never throws on hostile bytes in an XML body (NUL, a lone surrogate, a huge one): each is read or warned about', () => {
    for (const value of ['<x><p>a\u0000b</p></x>', '<x><p>a\ud800b</p></x>', `<x>${'<p>word</p>'.repeat(200_000)}</x>`]) {
      const { bodies, warnings } = parseBodies([{ contenttype: 'application/xml', value }]);
      assert.ok(bodies !== undefined || warnings.some((w) => w.includes('body unreadable')), value.slice(0, 30));
      assert.ok(!JSON.stringify(bodies ?? []).includes('\\u0000'), 'no NUL reaches the body');
    }
  });

  it('warns for a body in a format that is neither HTML, plain text nor XML', () => {
    const { bodies, warnings } = parseBodies([{ contenttype: 'application/rtf', value: '{\\rtf1 text}' }]);
    assert.equal(bodies, undefined);
    assert.deepEqual(warnings, [
      'tt.json: http://tt.example/text/1: body unreadable (bodies only in application/rtf, not HTML, plain text or XML)',
    ]);
  });
});
