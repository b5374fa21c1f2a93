import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isLedeError } from '../../../core/errors.js';
import { parseWireFile } from '../../detect.js';
import { newsml1Format } from './index.js';

// Fixtures derived from the AFP alert of JosiahBeynon/XML-extract--AFP-NewsML-1.2- (MIT), changed
// as real agency headers differ (test/fixtures/wire/NOTICE.md): issue 10, items 1 to 3.
const dir = new URL('../../../../test/fixtures/wire/newsml1/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir));
const parse = (path: string) => {
  const warnings: string[] = [];
  const items = newsml1Format.parse(read(path), { filename: path, warn: (m) => warnings.push(m) });
  return { items, warnings };
};

describe('newsml1: real agency headers and components (issue 10)', () => {
  it('accepts a DOCTYPE whose parameter entity only points at the external NITF DTD, and reads the item', () => {
    const { items } = parse('ok/afp-alert-parameter-entity-doctype.xml');
    assert.equal(items.length, 1);
    assert.equal(items[0]!.uri, 'urn:newsml:afp.com:20231125T073654Z:TX-PAR-EWK46');
    assert.match(items[0]!.bodies?.[0]?.value ?? '', /^<p>كييف/);
  });

  it('still refuses general entities next to such a parameter entity, and a parameter entity with a value', () => {
    for (const [file, line] of [
      ['bad/parameter-entity-and-general-entity.xml', 5],
      ['bad/parameter-entity-with-internal-value.xml', 2],
    ] as const) {
      assert.throws(
        () => parseWireFile(read(file), { filename: file }),
        (e) => isLedeError(e, 'LEDE_INGEST_XML_ENTITY') && e.message.startsWith(`${file}: declares an XML entity at line ${line}`),
        file,
      );
    }
  });

  it('gives every revision of one item the same uri, from the PublicIdentifier, when NewsItemId carries the revision too', () => {
    const [first, second] = [1, 2].map((n) => parse(`ok/afp-alert-revision-in-newsitemid-${n}.xml`).items[0]!);
    assert.equal(first!.uri, 'urn:newsml:afp.com:20231125T073654Z:TX-PAR-EWK46');
    assert.equal(second!.uri, first!.uri);
    assert.deepEqual([first!.version, second!.version], ['1', '2']);
  });

  it('mints a deterministic uri for a NewsIdentifier with only ProviderId, warns, and takes the language from the root xml:lang', () => {
    const once = parse('ok/afp-alert-provider-id-only.xml');
    const again = parse('ok/afp-alert-provider-id-only.xml');
    const item = once.items[0]!;
    assert.match(item.uri, /^urn:lede:newsml1:[0-9a-f]{64}$/);
    assert.equal(again.items[0]!.uri, item.uri);
    assert.deepEqual(once.warnings, [
      `ok/afp-alert-provider-id-only.xml: ${item.uri}: NewsIdentifier has only ProviderId (no PublicIdentifier); the uri was minted from the item's content`,
    ]);
    assert.equal(item.language, 'ar');
    assert.equal(item.version, undefined);
  });

  it("puts a newswire's Abstract component into descriptions as the summary, not into the body", () => {
    const { items } = parse('ok/businesswire-newsml-abstract.xml');
    const item = items[0]!;
    const abstract =
      'Applebee’s unveils a stronger, longer-lasting Lunch Decoy Stand In along with a year’s worth of Lunch Combos starting at $6.99.';
    assert.deepEqual(item.descriptions, [{ role: 'summary', value: abstract }]);
    assert.ok(!item.bodies?.[0]?.value.includes('Lunch Decoy Stand In along'), 'the abstract is not a body paragraph');
    assert.match(item.bodies?.[0]?.value ?? '', /^<p>With more Applebee’s/);
  });
});
