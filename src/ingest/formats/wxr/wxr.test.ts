import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { wxrFormat } from './index.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../test/fixtures/wire/wxr/${path}`, import.meta.url));
const parse = (path: string, timezone?: string) => wxrFormat.parse(fixture(path), { filename: path, timezone });
const byUri = (path: string) => new Map(parse(path).map((item) => [item.uri, item]));

describe('wxr format', () => {
  it('gives one item per post and page, and none for attachments or menu items', () => {
    const items = parse('ok/harbour-gazette.xml');
    assertNinjsContract(items);
    assert.deepEqual(
      items.map((i) => i.uri),
      [
        'https://gazette.example.org/?p=101',
        'https://gazette.example.org/?page_id=2',
        'https://gazette.example.org/?p=130',
        'https://gazette.example.org/?p=90',
        'https://gazette.example.org/?p=140',
        'https://gazette.example.org/?page_id=150',
        'https://gazette.example.org/?p=170',
      ],
    );
    assert.ok(items.every((i) => i.type === 'text' && i.version === undefined && i.language === 'en-GB'));
  });

  it('maps a published post: dates in UTC, display name as by, categories, tags, excerpt', () => {
    const post = byUri('ok/harbour-gazette.xml').get('https://gazette.example.org/?p=101');
    assert.equal(post?.pubstatus, 'usable');
    assert.equal(post?.firstcreated, '2024-03-04T08:15:00Z');
    assert.equal(post?.versioncreated, '2024-03-04T09:30:12Z');
    assert.equal(post?.embargoed, undefined);
    assert.equal(mainHeadline(post!), 'Ferry timetable changes & what they mean for commuters');
    assert.equal(post?.by, 'Mara Quill');
    assert.deepEqual(post?.infosources, [{ name: 'The Harbour Gazette' }]);
    assert.deepEqual(post?.subjects, [{ literal: 'category:local-news', name: 'Local news' }]);
    assert.deepEqual(post?.keywords, ['Ferries', 'Transport']);
    assert.deepEqual(post?.descriptions, [
      { role: 'summary', value: 'The new timetable starts on Monday, with earlier morning crossings.' },
    ]);
  });

  it('runs autop, removes shortcodes keeping what they enclose, and sanitises', () => {
    const body = mainBodyHtml(byUri('ok/harbour-gazette.xml').get('https://gazette.example.org/?p=101')!) ?? '';
    assert.match(
      body,
      /^<p>The Portvale ferry company will run its new timetable from Monday\.<br \/>\nMorning crossings start at 6\.10am\.<\/p>/,
    );
    assert.match(
      body,
      /<p><img src="https:\/\/gazette\.example\.org\/wp-content\/uploads\/2024\/03\/ferry\.jpg" alt="The morning ferry" width="800" height="533" \/> The morning ferry leaving Portvale\.<\/p>/,
    );
    assert.match(
      body,
      /<p>Commuters said the change was overdue\.<\/p><h2>What changes<\/h2><p>The last crossing moves to 11\.40pm, and \[sic\] the fares stay the same\.<\/p>/,
    );
    assert.match(body, /<ul>\s*<li>Monday to Friday: every 20 minutes<\/li>\s*<li>Weekends: every 40 minutes<\/li>\s*<\/ul>/);
    assert.match(body, /<p>Use \[gallery\] to show galleries\.<\/p>$/);
    assert.doesNotMatch(body, /\[caption|\[\/caption\]|\[gallery ids|<script|alert/);
  });

  it('leaves block-editor posts out of autop, as WordPress does, and drops the block comments', () => {
    const post = byUri('ok/harbour-gazette.xml').get('https://gazette.example.org/?p=170');
    assert.equal(
      mainBodyHtml(post!),
      '<p>The boats came back at <strong>dawn</strong>.</p>' +
        '<figure><img src="https://gazette.example.org/wp-content/uploads/2024/03/boats.jpg" alt="Boats" /><figcaption>Boats at dawn.</figcaption></figure>' +
        '<p>Line one\nstill line one.</p>',
    );
  });

  it('makes the featured image an association from the attachment item', () => {
    const post = byUri('ok/harbour-gazette.xml').get('https://gazette.example.org/?p=101');
    assert.deepEqual(post?.associations, [
      {
        name: 'featuremedia',
        type: 'picture',
        uri: 'https://gazette.example.org/wp-content/uploads/2024/03/ferry.jpg',
        descriptions: [{ role: 'caption', value: 'The morning ferry leaving Portvale.' }],
        renditions: [{ href: 'https://gazette.example.org/wp-content/uploads/2024/03/ferry.jpg' }],
      },
    ]);
  });

  it('reads a page like a post, and an empty post_modified_gmt as none', () => {
    const page = byUri('ok/harbour-gazette.xml').get('https://gazette.example.org/?page_id=2');
    assert.equal(page?.pubstatus, 'usable');
    assert.equal(page?.by, 'Tobin Reed');
    assert.equal(page?.versioncreated, '2024-01-06T12:00:00Z');
    assert.equal(
      mainBodyHtml(page!),
      '<p>The Harbour Gazette has covered Portvale since 1911.</p><p>Write to us at the harbour office.</p>',
    );
  });

  it('maps draft to withheld, trash to canceled, and future to usable with an embargo', () => {
    const items = byUri('ok/harbour-gazette.xml');
    const draft = items.get('https://gazette.example.org/?p=130');
    assert.equal(draft?.pubstatus, 'withheld');
    // A draft has no post_date_gmt (0000-00-00): its local post_date is read in the source time zone.
    assert.equal(draft?.firstcreated, '2024-03-05T09:12:00Z');
    assert.equal(draft?.versioncreated, '2024-03-05T09:12:00Z');
    assert.equal(parse('ok/harbour-gazette.xml', 'Europe/Berlin')[2]?.firstcreated, '2024-03-05T08:12:00Z');
    const trash = items.get('https://gazette.example.org/?p=90');
    assert.equal(trash?.pubstatus, 'canceled');
    assert.equal(trash?.versioncreated, '2024-02-01T10:00:00Z');
    const future = items.get('https://gazette.example.org/?p=140');
    assert.equal(future?.pubstatus, 'usable');
    assert.equal(future?.embargoed, '2024-03-15T07:00:00Z');
    assert.equal(future?.firstcreated, '2024-03-15T07:00:00Z');
    assert.equal(future?.versioncreated, '2024-03-05T16:20:00Z');
  });

  it('withholds a password-protected page and keeps an unknown author login as by', () => {
    const page = byUri('ok/harbour-gazette.xml').get('https://gazette.example.org/?page_id=150');
    assert.equal(page?.pubstatus, 'withheld');
    assert.equal(page?.by, 'somebody-unknown');
  });

  it('reads WXR 1.0 with CRLF lines: local dates, <pre> kept, a minted uri without guid', () => {
    const items = parse('ok/valley-notes-wxr-1.0.xml', 'Europe/Berlin');
    assertNinjsContract(items);
    const [item] = items;
    assert.match(item?.uri ?? '', /^urn:lede:wxr:[0-9a-f]{64}$/);
    assert.equal(parse('ok/valley-notes-wxr-1.0.xml')[0]?.uri, item?.uri);
    assert.equal(item?.language, 'de');
    assert.equal(item?.firstcreated, '2024-06-01T07:30:00Z');
    assert.equal(item?.by, 'editor');
    assert.equal(
      mainBodyHtml(item!),
      '<p>Das Brückenfest beginnt um 10 Uhr.<br />\nDer Eintritt ist frei.</p><pre>10:00 Eröffnung\n\n12:00 Mittag</pre><p>Bis dann!</p>',
    );
  });

  it('is detected from the WordPress export namespace', () => {
    assert.equal(detectFormat(fixture('ok/harbour-gazette.xml'), 'export').name, 'wxr');
    assert.equal(detectFormat(fixture('ok/valley-notes-wxr-1.0.xml'), 'export').name, 'wxr');
    const rss = readFileSync(new URL('../../../../test/fixtures/wire/feeds/ok/guardian.rss', import.meta.url));
    assert.equal(wxrFormat.detect(rss, 'guardian.rss'), 0);
  });

  it('names the file and the reason for bad exports', () => {
    const reject = (path: string, code: string, reason: RegExp) =>
      assert.throws(
        () => parse(path),
        (e) => isLedeError(e) && e.code === code && e.message.startsWith(`${path}: `) && reason.test(e.message),
      );
    reject('bad/entity-bomb.xml', 'LEDE_INGEST_XML_ENTITY', /entity/);
    reject('bad/truncated.xml', 'LEDE_INGEST_PARSE', /not well-formed XML/);
    reject('bad/bad-date.xml', 'LEDE_INGEST_FIELD', /`wp:post_date_gmt` "yesterday at noon" is not a date/);
  });
});
