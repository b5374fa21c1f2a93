import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWireFile } from '../detect.js';

// Issue 10, item 3: without the format's own language element, the nearest xml:lang gives the language.
const languageOf = (xml: string) => parseWireFile(Buffer.from(xml), { filename: 'f.xml' }).map((i) => i.language);

describe('language falls back to xml:lang in every XML format (issue 10)', () => {
  it('NewsML-G2: the newsMessage xml:lang when the item has no language of its own', () => {
    const xml =
      '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/" xml:lang="nl"><header><sent>2024-03-05T10:00:00Z</sent></header><itemSet>' +
      '<newsItem guid="urn:x:1" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><headline>H</headline></contentMeta></newsItem>' +
      '<newsItem guid="urn:x:2" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta><language tag="de"/><headline>H</headline></contentMeta></newsItem>' +
      '</itemSet></newsMessage>';
    assert.deepEqual(languageOf(xml), ['nl', 'de']);
  });

  it('RSS and WXR: the xml:lang of the root or channel when there is no channel/language', () => {
    const rss =
      '<rss version="2.0" xml:lang="it"><channel><title>T</title><item><guid>urn:r:1</guid><title>H</title></item></channel></rss>';
    assert.deepEqual(languageOf(rss), ['it']);
    const wxr =
      '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xml:lang="es"><channel><title>T</title><wp:wxr_version>1.2</wp:wxr_version>' +
      '<item><guid>urn:w:1</guid><title>H</title><wp:post_type>post</wp:post_type></item></channel></rss>';
    assert.deepEqual(languageOf(wxr), ['es']);
  });

  it('NITF: the xml:lang of head or body.content when the root has neither baselang nor xml:lang', () => {
    const nitf =
      '<nitf><head xml:lang="sv"><docdata><doc-id id-string="n1"/></docdata></head><body><body.content><p>Text</p></body.content></body></nitf>';
    assert.deepEqual(languageOf(nitf), ['sv']);
  });
});
