import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline } from '../../../core/ninjs.js';
import { ninjsFormat } from './index.js';

const fixture = (path: string) => new URL(`../../../../test/fixtures/wire/ninjs/${path}`, import.meta.url);
const parse = (path: string) => ninjsFormat.parse(readFileSync(fixture(path)), { filename: path });

describe('ninjs format', () => {
  it('reads a ninjs 2.x dpa text with its rights and an offset time turned into UTC', () => {
    const [item] = parse('ok/dpa_text.json');
    assert.equal(item?.uri, 'urn:newsml:dpa.com:20090101:190510-99-167362');
    assert.equal(item?.version, '2');
    assert.equal(item?.versioncreated, '2019-05-10T14:02:28Z');
    assert.equal(item?.by, 'Von Christian Hollmann, dpa');
    assert.equal(item?.copyrightholder, 'dpa');
    assert.equal(item?.language, 'de');
    assert.equal(mainHeadline(item!), 'Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?');
    assert.match(mainBodyHtml(item!) ?? '', /^<p>Für Lucien Favre/);
  });

  it("leaves out empty strings such as NTB's empty copyrightnotice", () => {
    const [item] = parse('ok/ntb_text.json');
    assert.equal(item?.copyrightnotice, undefined);
    assert.equal(item?.usageterms, undefined);
    assert.equal(item?.language, 'nb-NO');
    assert.equal(JSON.stringify(item).includes('""'), false);
  });

  it('keeps a picture association with its renditions', () => {
    const [item] = parse('ok/tt_text_image_2.json');
    const picture = item?.associations?.find((a) => a.type === 'picture');
    assert.ok(picture?.name);
    assert.ok((picture?.renditions?.length ?? 0) > 0);
    assert.ok(picture?.renditions?.every((r) => typeof r.href === 'string'));
  });

  it('converts ninjs 1.x: headline, body_xhtml and associations keyed by name', () => {
    const [item] = parse('ok/businesswire-newsml-20130731006140.ninjs-1.4.json');
    assert.equal(item?.type, 'composite');
    assert.match(mainHeadline(item!) ?? '', /^Lunch Taking a Toll\?/);
    assert.match(mainBodyHtml(item!) ?? '', /Industrial Strength Lunch Decoy/);
    assert.deepEqual(
      item?.associations?.map((a) => a.name),
      ['logo', 'video'],
    );
  });

  it('names the field and the reason for an unknown status', () => {
    assert.throws(
      () => parse('bad/unknown-status.json'),
      (e) => isLedeError(e, 'LEDE_INGEST_FIELD') && /`pubstatus` "stat:killed" is not a known status/.test(e.message),
    );
  });

  it('rejects truncated JSON and an item without uri with a typed error', () => {
    assert.throws(
      () => parse('bad/truncated.json'),
      (e) => isLedeError(e, 'LEDE_INGEST_PARSE'),
    );
    assert.throws(
      () => parse('bad/no-uri.json'),
      (e) => isLedeError(e, 'LEDE_INGEST_FIELD') && /`uri` is missing/.test(e.message),
    );
  });

  it('refuses an API response that wraps ninjs items, naming where they are', () => {
    assert.throws(
      () => parse('bad/api-envelope.json'),
      (e) => isLedeError(e, 'LEDE_INGEST_FIELD') && /`data\.items` wraps the ninjs: this file is an API response/.test(e.message),
    );
  });

  it('gives items or a LedeError for any input, never another exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (text) => {
          try {
            const items = ninjsFormat.parse(Buffer.from(text), { filename: 'fuzz.json' });
            assert.ok(Array.isArray(items));
          } catch (error) {
            assert.ok(isLedeError(error), String(error));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
