import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ErrorCode, isLedeError } from '../../core/errors.js';
import { loadXml, sniffXmlRoot } from './xml.js';
import { child, textOf } from './xml-tree.js';

const load = (xml: string | Buffer, maxBytes?: number) =>
  loadXml(typeof xml === 'string' ? Buffer.from(xml) : xml, { filename: 'f.xml', maxBytes });
const titleOf = (xml: string | Buffer) => textOf(child(load(xml), 'title'));
const refuses = (xml: string | Buffer, code: ErrorCode, message: RegExp) =>
  assert.throws(
    () => load(xml),
    (e) => isLedeError(e, code) && message.test(e.message) && e.details.file === 'f.xml',
  );

describe('loadXml', () => {
  it('reads UTF-8 by default and after a BOM', () => {
    assert.equal(titleOf('<a><title>Grüße</title></a>'), 'Grüße');
    assert.equal(titleOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a><title>Grüße</title></a>')])), 'Grüße');
  });

  it('reads UTF-16 from its BOM or from the bytes of "<?"', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><a><title>Ελλάδα</title></a>';
    assert.equal(titleOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), 'Ελλάδα');
    assert.equal(titleOf(Buffer.from(text, 'utf16le')), 'Ελλάδα');
    assert.equal(titleOf(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])), 'Ελλάδα');
  });

  it('reads ISO-8859-1 as Windows-1252, as agencies mean it', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a><title>'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x93, 0x6f, 0x6b, 0x94]),
      Buffer.from('</title></a>'),
    ]);
    assert.equal(titleOf(bytes), 'Café € “ok”');
  });

  it('reads UTF-8 bytes under an ISO-8859-1 declaration as UTF-8, as some AFP files send them', () => {
    assert.equal(titleOf('<?xml version="1.0" encoding="iso-8859-1"?><a><title>Décès à Strasbourg</title></a>'), 'Décès à Strasbourg');
  });

  it('names the file, the encoding and the line of bytes that cannot be decoded', () => {
    refuses(
      Buffer.concat([Buffer.from('<a>\n<title>Caf'), Buffer.from([0xe9]), Buffer.from('</title></a>')]),
      'LEDE_INGEST_ENCODING',
      /^f\.xml: bytes are not valid UTF-8 at line 2/,
    );
    refuses(
      '<?xml version="1.0" encoding="x-klingon"?><a/>',
      'LEDE_INGEST_ENCODING',
      /^f\.xml: encoding "x-klingon" in the XML declaration is not supported/,
    );
  });

  it('refuses entity declarations, wherever they are, and never expands them', () => {
    refuses('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'LEDE_INGEST_XML_ENTITY', /^f\.xml: declares an XML entity at line 1/);
    refuses('<!DOCTYPE a [\n<!ENTITY % p "<!ENTITY x \'y\'>"> %p;]><a>&x;</a>', 'LEDE_INGEST_XML_ENTITY', /at line 2/);
    refuses('<!DOCTYPE a [<!ENTITY % p SYSTEM "p.dtd"> %p;\n<!ENTITY x "y">]><a>&x;</a>', 'LEDE_INGEST_XML_ENTITY', /at line 2/);
    refuses('<!DOCTYPE a [<!ENTITY % p SYSTEM "p.dtd"> %q;]><a/>', 'LEDE_INGEST_XML_ENTITY', /at line 1/);
    refuses('<a><!ENTITY x SYSTEM "file:///etc/passwd"></a>', 'LEDE_INGEST_XML_ENTITY', /declares an XML entity/);
  });

  it('ignores a DOCTYPE whose internal subset only points at an external DTD through a parameter entity, never fetching it', () => {
    // 127.0.0.1:1 answers nothing: a fetch would fail the parse, an expansion would leave no `ok`.
    const doctype = '<!DOCTYPE NewsML [<!ENTITY % nitf SYSTEM "http://127.0.0.1:1/nitf-3-0.dtd"> %nitf;]>';
    assert.equal(titleOf(`<?xml version="1.0"?>\n${doctype}\n<a><title>ok</title></a>`), 'ok');
    const publicId = "<!DOCTYPE a [\n<!-- the NITF DTD -->\n<!ENTITY % n PUBLIC '-//IPTC//DTD NITF 3.0//EN' 'nitf.dtd'>\n%n;\n]>";
    assert.equal(titleOf(`${publicId}<a><title>ok</title></a>`), 'ok');
  });

  it('ignores a DOCTYPE that only names a DTD, and text that merely mentions an entity declaration', () => {
    assert.equal(titleOf('<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">\n<nitf><title>ok</title></nitf>'), 'ok');
    assert.equal(titleOf('<a><!-- <!ENTITY x "y"> --><title><![CDATA[<!ENTITY x "y">]]></title></a>'), '<!ENTITY x "y">');
  });

  it('decodes the five XML entities and character references, and keeps CDATA as text', () => {
    assert.equal(
      titleOf('<a><title>&lt;b&gt; &amp; &quot;&apos; &#233;&#x20AC; <![CDATA[&amp;<i>]]></title></a>'),
      '<b> & "\' é€ &amp;<i>',
    );
    assert.equal(load('<a t="&amp;&#65;"/>').attrs.t, '&A');
  });

  it('refuses an entity that XML does not define, with its line', () => {
    refuses(
      '<a>\n<title>a&nbsp;b</title></a>',
      'LEDE_INGEST_PARSE',
      /^f\.xml: not well-formed XML at line 2: entity "&nbsp;" is not defined/,
    );
    refuses('<a>&#0;</a>', 'LEDE_INGEST_PARSE', /"&#0;" is not a character/);
  });

  it('gives the line of malformed XML', () => {
    refuses('<a>\n<b>\n</a>', 'LEDE_INGEST_PARSE', /^f\.xml: not well-formed XML at line 3: <b> is not closed before <\/a>/);
    refuses('<a>\n<b>x</b>\n<c>', 'LEDE_INGEST_PARSE', /at line 3: the file ends before <a>, <c> are closed/);
    refuses('<a/><b/>', 'LEDE_INGEST_PARSE', /more than one root element/);
    refuses('', 'LEDE_INGEST_PARSE', /not well-formed XML/);
  });

  it('refuses a file over the size limit before reading it', () => {
    refuses(
      Buffer.alloc(20 * 1024 * 1024 + 1, 0x20),
      'LEDE_INGEST_TOO_LARGE',
      /^f\.xml: 20971521 bytes is more than the limit of 20971520 bytes/,
    );
    assert.throws(
      () => load('<a>0123456789</a>', 10),
      (e) => isLedeError(e, 'LEDE_INGEST_TOO_LARGE'),
    );
  });

  it('drops the control characters XML forbids instead of refusing the file', () => {
    assert.equal(titleOf('<a><title>AFP\u0001 \u001fnews</title></a>'), 'AFP news');
  });

  it('reads a lone surrogate as U+FFFD, never pairing it with the next character', () => {
    assert.equal(titleOf('<a><title>x\uD800<b/>y\uDC00</title></a>'), 'x\uFFFDy\uFFFD');
    assert.equal(load('<a t="\uD83D"/>').attrs.t, '\uFFFD');
  });

  it('refuses a repeated attribute and a stray close tag, with the line', () => {
    refuses('<a>\n<b k="1" k="2"/></a>', 'LEDE_INGEST_PARSE', /at line 2: duplicate attribute: k/);
    refuses('<a>\n</b></a>', 'LEDE_INGEST_PARSE', /at line 2: unmatched closing tag: b/);
  });

  it('keeps element order and the text between elements', () => {
    const root = load('<p xmlns:x="urn:x">one <x:b x:k="v">two</x:b> three</p>');
    assert.equal(root.children.length, 3);
    const b = root.children[1];
    assert.ok(typeof b === 'object' && b.name === 'b' && b.qname === 'x:b' && b.attrs['x:k'] === 'v');
    assert.equal(textOf(root), 'one two three');
  });
});

describe('sniffXmlRoot', () => {
  it('finds the root element after the declaration, comments and the DOCTYPE', () => {
    assert.equal(sniffXmlRoot(Buffer.from('<?xml version="1.0"?>\n<!-- <rss> -->\n<!DOCTYPE nitf SYSTEM "x.dtd">\n<nitf>')), 'nitf');
    assert.equal(sniffXmlRoot(Buffer.from('\uFEFF<g2:newsItem xmlns:g2="x">')), 'newsItem');
    assert.equal(sniffXmlRoot(Buffer.from('<NewsML Version="1.2">', 'utf16le')), 'NewsML');
    assert.equal(sniffXmlRoot(Buffer.from('{"uri": "x"}')), undefined);
  });
});
