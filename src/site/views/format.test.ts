import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDateFormatter, dateLocale, langAttr } from './format.js';

describe('createDateFormatter', () => {
  it('formats in the configured zone with its abbreviation', () => {
    const format = createDateFormatter({ locale: 'en-GB', timeZone: 'Europe/London' });
    assert.equal(format.dateTime('2026-07-10T12:00:00Z'), '10 July 2026 at 13:00 BST');
    assert.equal(format.dateTime('2026-01-10T12:00:00Z'), '10 January 2026 at 12:00 GMT');
  });

  it('wraps the time in a time element with the ISO instant', () => {
    const format = createDateFormatter({ locale: 'en-GB', timeZone: 'UTC' });
    assert.equal(
      format.time('2026-01-10T12:00:00+01:00').toString(),
      '<time datetime="2026-01-10T11:00:00.000Z">10 January 2026 at 11:00 UTC</time>',
    );
    assert.equal(format.time('not a date').toString(), '');
  });

  it('falls back to UTC for an unknown zone', () => {
    assert.match(createDateFormatter({ locale: 'en-GB', timeZone: 'Mars/Olympus' }).dateTime('2026-01-10T12:00:00Z'), /UTC$/);
  });
});

describe('dateLocale', () => {
  it('picks an English region that names the zone', () => {
    assert.equal(dateLocale('en', 'America/New_York'), 'en-US');
    assert.equal(dateLocale('en', 'Europe/London'), 'en-GB');
    assert.equal(dateLocale('fr', 'Europe/Paris'), 'fr');
  });
});

describe('langAttr', () => {
  it('keeps valid language tags and replaces others', () => {
    assert.equal(langAttr('ar', 'en'), 'ar');
    assert.equal(langAttr('en-GB', 'en'), 'en-GB');
    assert.equal(langAttr('english please', 'en'), 'en');
    assert.equal(langAttr(undefined, 'en'), 'en');
  });
});
