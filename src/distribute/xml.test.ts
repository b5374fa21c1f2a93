import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { el, textEl, xmlDocument } from './xml.js';

describe('xml writer', () => {
  it('escapes markup in text and attributes so a headline cannot break or inject into a feed', () => {
    const evil = `</title><script>alert("x")</script> & 'quotes'`;
    const doc = xmlDocument(el('item', { title: evil }, el('title', {}, evil)));
    assert.equal(XMLValidator.validate(doc), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(doc);
    assert.equal(parsed.item.title, evil);
    assert.equal(parsed.item['@title'], evil);
  });

  it('drops the characters XML 1.0 forbids from text and attributes', () => {
    assert.equal(el('a', { b: 'x\u0000y' }, 'a\u0000b\uD800c 😀').xml, '<a b="xy">abc 😀</a>');
  });

  it('leaves out empty text elements and undefined attributes', () => {
    assert.equal(textEl('dc:rights', undefined), undefined);
    assert.equal(textEl('dc:rights', ''), undefined);
    assert.equal(el('enclosure', { url: 'u', length: 0, type: undefined }).xml, '<enclosure url="u" length="0"/>');
    assert.equal(el('a', {}, undefined, false, null, ['x', [1]]).xml, '<a>x1</a>');
  });
});
