import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLedeError } from '../../../core/errors.js';
import { parseFeedDate } from './feed-date.js';

const read = (value: string, timeZone?: string) => parseFeedDate(value, { field: 'pubDate', file: 'feed.xml', timeZone });

describe('parseFeedDate', () => {
  it('reads RFC 822 dates with numeric and named zones into UTC', () => {
    assert.equal(read('Wed, 31 Jan 2018 07:26:05 GMT'), '2018-01-31T07:26:05Z');
    assert.equal(read('Wed, 31 Jan 2018 07:26:05 +0100'), '2018-01-31T06:26:05Z');
    assert.equal(read('Tue, 05 Mar 2024 09:40:31 EST'), '2024-03-05T14:40:31Z');
    assert.equal(read('Tue, 02 Jul 2024 09:40:31 PDT'), '2024-07-02T16:40:31Z');
    assert.equal(read('Tue, 02 Jul 2024 09:40:31 CEST'), '2024-07-02T07:40:31Z');
    assert.equal(read('2 Jul 2024 09:40 UT'), '2024-07-02T09:40:00Z');
    assert.equal(read('Tue, 02 Jul 2024 09:40:31 Z'), '2024-07-02T09:40:31Z');
    assert.equal(read('Tue, 02 Jul 2024 09:40:31 -0330 (NST)'), '2024-07-02T13:10:31Z');
  });

  it('reads two-digit years and localised day and month names', () => {
    assert.equal(read('Mon, 4 Mar 24 23:05 +0100'), '2024-03-04T22:05:00Z');
    assert.equal(read('Thu, 01 Jan 98 00:00:00 GMT'), '1998-01-01T00:00:00Z');
    assert.equal(read('Seg, 24 Set 2018 19:42:40 -0300'), '2018-09-24T22:42:40Z');
    assert.equal(read('Mié, 05 Dic 2018 10:00:00 +0100'), '2018-12-05T09:00:00Z');
    assert.equal(read('Di, 05 Mär 2024 10:00:00 +0100'), '2024-03-05T09:00:00Z');
    assert.equal(read('mar., 05 févr. 2024 10:00:00 +0100'), '2024-02-05T09:00:00Z');
    assert.equal(read('05 juil. 2024 10:00:00 +0200'), '2024-07-05T08:00:00Z');
  });

  it('reads ISO 8601 too, and a time without zone in the source time zone', () => {
    assert.equal(read('2018-01-31T07:26:05Z'), '2018-01-31T07:26:05Z');
    assert.equal(read('2016-02-01T17:54:50+01:00'), '2016-02-01T16:54:50Z');
    assert.equal(read('Wed, 31 Jan 2018 07:26:05', 'Europe/Berlin'), '2018-01-31T06:26:05Z');
    assert.equal(read('Wed, 31 Jan 2018 07:26:05'), '2018-01-31T07:26:05Z');
  });

  it('gives nothing for an empty value and names the field of a bad one', () => {
    assert.equal(read('  '), undefined);
    for (const bad of ['sometime next week', 'Tue, 05 Foo 2024 09:40:31 GMT', 'Tue, 05 Mar 2024 09:40:31 XYZ']) {
      assert.throws(
        () => read(bad),
        (e) => isLedeError(e, 'LEDE_INGEST_FIELD') && e.message.includes('`pubDate`') && e.message.includes(bad),
      );
    }
  });
});
