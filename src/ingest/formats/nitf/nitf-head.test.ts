import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ninjs } from '../../../core/ninjs.js';
import { nitfFormat } from './index.js';

// Hand-made documents with the body.head shapes of real agency NITF (AP, EFE).
const parseHead = (bodyHead: string): Ninjs => {
  const xml = `<nitf><head><docdata><doc-id id-string="made-1"/></docdata></head><body><body.head>${bodyHead}</body.head></body></nitf>`;
  const [item] = nitfFormat.parse(Buffer.from(xml), { filename: 'made.xml' });
  return item!;
};

describe('nitf format, body.head', () => {
  it('leaves out an hl2 that repeats the headline, and keeps a real one', () => {
    const item = parseHead(
      '<hedline><hl1 id="headline">Harbour bridge reopens</hl1><hl2 id="originalHeadline">Harbour bridge reopens</hl2>' +
        '<hl2>Commuters welcome the end of detours</hl2></hedline>',
    );
    assert.deepEqual(item.headlines, [
      { role: 'main', value: 'Harbour bridge reopens' },
      { role: 'sub', value: 'Commuters welcome the end of detours' },
    ]);
  });

  it('gives no dateline text for a dateline holding only a machine story.date', () => {
    const item = parseHead('<dateline><story.date norm="20240305T091500+0000">20240305T091500+0000</story.date></dateline>');
    assert.equal(item.dateline, undefined);
  });

  it('keeps a story.date written for readers in the dateline', () => {
    const item = parseHead(
      '<dateline><location><city>Lisbon</city></location>, <story.date norm="20240305">March 5</story.date></dateline>',
    );
    assert.equal(item.dateline, 'Lisbon, March 5');
    assert.equal(item.located, 'Lisbon');
  });
});
