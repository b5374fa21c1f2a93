import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertParsesOrRefuses } from '../../../../test/helpers/format-fuzz.js';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { type ErrorCode, isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline, type Ninjs, textsByRole } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { nitfFormat } from './index.js';

const dir = new URL('../../../../test/fixtures/wire/nitf/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir));
const ntb = 'ok/NTB_nitf_sample.xml';
const parseOne = (bytes: Buffer | string, timezone?: string): Ninjs => {
  const items = nitfFormat.parse(Buffer.from(bytes), { filename: 'doc.xml', timezone });
  assert.equal(items.length, 1);
  return items[0]!;
};
const nitf = (docdata: string, body = '') =>
  `<nitf baselang="en-GB"><head><title>Title</title><docdata${docdata}</docdata></head><body>${body}</body></nitf>`;

describe('nitf format', () => {
  it('reads the NTB sample: identity, version, urgency, language, headline, byline, place and agency', () => {
    const item = parseOne(read(ntb));
    assert.equal(item.uri, 'NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00');
    assert.equal(item.version, '1');
    assert.equal(item.type, 'text');
    assert.equal(item.pubstatus, 'usable');
    assert.equal(item.urgency, 5);
    assert.equal(item.language, 'nb-NO');
    assert.equal(mainHeadline(item), 'Pandemien herjer på den legeløse indiske landsbygda');
    assert.equal(item.by, 'NTB-AFP-DPA');
    assert.equal(item.dateline, 'Unnao');
    assert.equal(item.located, 'Unnao');
    assert.deepEqual(item.infosources, [{ name: 'NTB' }]);
    assert.deepEqual(item.keywords, ['india-korona-bygd']);
    assert.equal(item.ednote, undefined, 'an empty ed-msg gives no ednote');
  });

  it('writes tobject subjects as IPTC subject codes with their concept uri', () => {
    assert.deepEqual(parseOne(read(ntb)).subjects, [
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/07001000', literal: 'subj:07001000', name: 'Sykdom' },
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/07000000', literal: 'subj:07000000', name: 'Medisin og helse' },
    ]);
  });

  it('keeps an agency code in tobject.subject under its owner, without an IPTC uri', () => {
    const item = parseOne(
      nitf('><doc-id id-string="S"/>', '').replace(
        '<docdata',
        '<tobject><tobject.subject tobject.subject.ipr="IPTC" tobject.subject.refnum="11006005" tobject.subject.detail="Executive (government)"/>' +
          '<tobject.subject tobject.subject.ipr="EFE" tobject.subject.refnum="F01001000" tobject.subject.matter="GOVERNMENT"/></tobject><docdata',
      ),
    );
    assert.deepEqual(item.subjects, [
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/11006005', literal: 'subj:11006005', name: 'Executive (government)' },
      { literal: 'EFE:F01001000', name: 'GOVERNMENT' },
    ]);
  });

  it('names an IPTC tobject.subject code by the type, matter or detail of its own level', () => {
    const subjects = (tobject: string) =>
      parseOne(nitf('><doc-id id-string="L"/>').replace('<docdata', `<tobject>${tobject}</tobject><docdata`)).subjects;
    const subject = (refnum: string) =>
      `<tobject.subject tobject.subject.refnum="${refnum}" tobject.subject.type="Sport" tobject.subject.matter="Rugby league" tobject.subject.detail="Final"/>`;
    assert.deepEqual(
      subjects(subject('15000000') + subject('15048000') + subject('15048001'))?.map((s) => [s.literal, s.name]),
      [
        ['subj:15000000', 'Sport'],
        ['subj:15048000', 'Rugby league'],
        ['subj:15048001', 'Final'],
      ],
    );
    assert.deepEqual(subjects('<tobject.subject tobject.subject.refnum="15048000" tobject.subject.type="Sport"/>'), [
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/15048000', literal: 'subj:15048000' },
    ]);
    assert.deepEqual(subjects('<tobject.subject tobject.subject.type="Sport" tobject.subject.matter="Rugby league"/>'), [
      { literal: 'Rugby league', name: 'Rugby league' },
    ]);
  });

  it('reads date.issue without offset in the source time zone, and as UTC without one', () => {
    assert.equal(parseOne(read(ntb)).versioncreated, '2021-05-16T09:00:04Z');
    assert.equal(parseOne(read(ntb), 'Europe/Oslo').versioncreated, '2021-05-16T07:00:04Z');
  });

  it('turns body.content into paragraphs and crossheads, and the picture into an association', () => {
    const item = parseOne(read(ntb));
    const html = mainBodyHtml(item) ?? '';
    assert.match(html, /^<p>Koronapandemien herjer også i landsbyer rundt omkring i India\. Døde kastes ut i elver,/);
    assert.match(html, /<\/p><h2>- Det skjulte India<\/h2><p>Ingen leger/);
    assert.match(html, /<p>\(©NTB\)<\/p>$/);
    assert.doesNotMatch(html, /class=|lede=|<media|kenneth\.kandolf/, 'no NITF attributes, no body.end');
    assert.deepEqual(item.associations, [
      {
        name: 'media-1',
        uri: 'JsxLggxsoo4',
        type: 'picture',
        descriptions: [
          { role: 'caption', value: 'Kremasjonsbål for koronaofre brenner i Indias hovedstad New Delhi. Foto: Amit Sharma / AP / NTB' },
        ],
      },
    ]);
  });

  it('reads an embargo, expiry, correction, editor note, rights and abstract from docdata and body.head', () => {
    const item = parseOne(
      nitf(
        ' management-status="usable"><doc-id id-string="X-1" regsrc="AGENCY"/><du-key version="3"/><urgency ed-urg="2"/>' +
          '<date.issue norm="2024-03-05T09:40:31+01:00"/><date.release norm="20240305T120000Z"/><date.expire norm="2024-04-05T00:00:00Z"/>' +
          '<correction info="Corrects the name of the minister." id-string="X-1"/><ed-msg info="Moves under embargo."/>' +
          '<doc.copyright holder="Example Agency" year="2024"/><doc.rights limitations="Editorial use only"/>',
        '<body.head><hedline><hl1>Main</hl1><hl2>Sub</hl2></hedline><byline><byttl>Staff</byttl>By <person>Ana Example</person></byline>' +
          '<dateline><location><city>Lisbon</city></location>, March 5</dateline><abstract><p>One.</p><p>Two.</p></abstract></body.head>',
      ),
    );
    assert.equal(item.uri, 'X-1');
    assert.equal(item.version, '3');
    assert.equal(item.urgency, 2);
    assert.equal(item.versioncreated, '2024-03-05T08:40:31Z');
    assert.equal(item.embargoed, '2024-03-05T12:00:00Z');
    assert.equal(item.expires, '2024-04-05T00:00:00Z');
    assert.deepEqual(item.headlines, [
      { role: 'main', value: 'Main' },
      { role: 'sub', value: 'Sub' },
    ]);
    assert.equal(item.by, 'By Ana Example');
    assert.equal(item.located, 'Lisbon');
    assert.equal(item.dateline, 'Lisbon, March 5');
    assert.equal(item.ednote, 'Moves under embargo.');
    assert.equal(item.copyrightholder, 'Example Agency');
    assert.equal(item.usageterms, 'Editorial use only');
    assert.deepEqual(item.infosources, [{ name: 'AGENCY' }]);
    assert.deepEqual(textsByRole(item.descriptions, 'summary'), ['One. Two.']);
    assert.deepEqual(textsByRole(item.descriptions, 'correction'), ['Corrects the name of the minister.']);
  });

  it('takes versioncreated from date.release when date.issue is empty, and leaves it out with neither', () => {
    const released = parseOne(nitf('><doc-id id-string="R"/><date.issue norm=""/><date.release norm="20240305T110000+0100"/>'));
    assert.equal(released.versioncreated, '2024-03-05T10:00:00Z');
    assert.equal(parseOne(nitf('><doc-id id-string="N"/><date.issue/>')).versioncreated, undefined);
  });

  it('treats a release time before the issue time as no embargo, unless the status says embargoed', () => {
    const dates = '<doc-id id-string="E"/><date.issue norm="20240305T120000Z"/><date.release norm="20240305T110000Z"/>';
    assert.equal(parseOne(nitf(`>${dates}`)).embargoed, undefined);
    const embargoed = parseOne(nitf(` management-status="embargoed">${dates}`));
    assert.equal(embargoed.embargoed, '2024-03-05T11:00:00Z');
    assert.equal(embargoed.pubstatus, 'usable');
  });

  it('maps management-status to pubstatus, and keeps a kill with an empty body', () => {
    const kill = parseOne(nitf(' management-status="canceled"><doc-id id-string="K"/>'));
    assert.equal(kill.pubstatus, 'canceled');
    assert.equal(kill.bodies, undefined);
    assert.equal(parseOne(nitf(' management-status="withheld"><doc-id id-string="W"/>')).pubstatus, 'withheld');
  });

  it('keeps lists, tables and web pictures, unwraps inline markup and never turns escaped text into markup', () => {
    const html = mainBodyHtml(
      parseOne(
        nitf(
          '><doc-id id-string="B"/>',
          '<body.content><block><p>Paid <money unit="EUR">5 euros</money> in <location>Oslo</location>.</p>' +
            '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p/><p> </p></block><ul><li>one</li></ul>' +
            '<table><tr><td onclick="x()">cell</td></tr></table>' +
            '<media media-type="image"><media-reference source="https://img.example/a.jpg" alternate-text="A harbour" width="800" height="600"/>' +
            '<media-caption>The harbour.</media-caption></media><media media-type="video"><media-reference source="https://v.example/a.mp4"/></media>' +
            '<p><a href="javascript:alert(1)">x</a><script>bad()</script></p></body.content>',
        ),
      ),
    );
    assert.equal(
      html,
      '<p>Paid 5 euros in Oslo.</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><ul><li>one</li></ul>' +
        '<table><tr><td>cell</td></tr></table>' +
        '<figure><img src="https://img.example/a.jpg" alt="A harbour" width="800" height="600" /><figcaption>The harbour.</figcaption></figure>' +
        '<p><a>x</a></p>',
    );
  });

  it('mints a deterministic uri when the document has no doc-id, and falls back to head/title', () => {
    const bytes = '<nitf><head><title>Only a title</title></head><body><body.content><p>Text.</p></body.content></body></nitf>';
    const item = parseOne(bytes);
    assert.match(item.uri, /^urn:lede:nitf:[0-9a-f]{64}$/);
    assert.equal(parseOne(bytes).uri, item.uri);
    assert.equal(mainHeadline(item), 'Only a title');
  });

  it('gives the contract shape for every sample: ninjs 2.x only, no empty values, UTC times', () => {
    for (const file of readdirSync(new URL('ok/', dir)))
      assertNinjsContract([file].flatMap((f) => nitfFormat.parse(read(`ok/${f}`), { filename: f })));
  });

  it('is detected from its content', () => {
    assert.equal(detectFormat(read(ntb), 'NTB 2021,05,16 no extension').name, 'nitf');
  });

  it('refuses each broken file with a typed error that names the file and the reason', () => {
    const cases: Array<[string, ErrorCode, RegExp]> = [
      [
        'bad/truncated.xml',
        'LEDE_INGEST_PARSE',
        /^bad\/truncated\.xml: not well-formed XML at line 29: the file ends before <nitf>, <head>, <docdata>, <key-list> are closed/,
      ],
      ['bad/billion-laughs.xml', 'LEDE_INGEST_XML_ENTITY', /^bad\/billion-laughs\.xml: declares an XML entity at line 3/],
      // Line 3, a parameter entity naming an external DTD, is ignored (INGEST-CONTRACT §1); line 4 is XXE.
      ['bad/xxe.xml', 'LEDE_INGEST_XML_ENTITY', /^bad\/xxe\.xml: declares an XML entity at line 4/],
      ['bad/wrong-encoding.xml', 'LEDE_INGEST_ENCODING', /^bad\/wrong-encoding\.xml: bytes are not valid UTF-8 at line 2/],
      [
        'bad/unknown-status.xml',
        'LEDE_INGEST_FIELD',
        /^bad\/unknown-status\.xml: `docdata\/@management-status` "killed" is not a known status/,
      ],
    ];
    for (const [file, code, message] of cases) {
      assert.throws(
        () => nitfFormat.parse(read(file), { filename: file }),
        (e) => isLedeError(e, code) && message.test(e.message),
        file,
      );
    }
  });

  it('gives items or a LedeError for random bytes and mutated samples, quickly', () => {
    assertParsesOrRefuses(
      nitfFormat,
      readdirSync(new URL('ok/', dir)).map((f) => read(`ok/${f}`)),
    );
  });
});
