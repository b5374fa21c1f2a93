import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Ninjs } from '../../../core/ninjs.js';
import { newsmlG2Format } from './index.js';

// Listings from the IPTC NewsML-G2 guidelines (iptc/newsml-g2 examples/, CC BY 4.0, see NOTICE.md).
const dir = new URL('../../../../test/fixtures/wire/newsml-g2/ok/', import.meta.url);
const one = (file: string): Ninjs => {
  const items = newsmlG2Format.parse(readFileSync(new URL(file, dir)), { filename: file });
  assert.equal(items.length, 1);
  return items[0]!;
};

describe('newsml-g2 format, IPTC guideline listings', () => {
  it('names renditions sent as URI siblings (renditionuri) like their QCodes', () => {
    const picture = one('LISTING_3A_Photo_in_NewsML-G2_(URI_sibling_attributes).xml');
    assert.equal(picture.type, 'picture');
    assert.deepEqual(
      picture.renditions?.map((r) => [r.name, r.width, r.height]),
      [
        ['highRes', 1500, 1001],
        ['web', 480, 320],
        ['thumb', 80, 53],
      ],
    );
  });

  it('gives no body for SportsML in inlineXML, whose text is data, not paragraphs', () => {
    const stats = one('LISTING_21_A_complete_sample_SportsML-G2_document.xml');
    assert.equal(stats.type, 'text');
    assert.equal(stats.bodies, undefined);
    assert.match(stats.headlines?.[0]?.value ?? '', /^Troy Tulowitzki singled/);
  });

  it('gives no body for events carried in inlineXML without a content type', () => {
    const events = one('LISTING_16_A_Set_of_Events_carried_in_a_News_Item.xml');
    assert.equal(events.uri, 'urn:newsml:iptc.org:20090122:qqwpiruuew4711');
    assert.equal(events.bodies, undefined);
  });
});
