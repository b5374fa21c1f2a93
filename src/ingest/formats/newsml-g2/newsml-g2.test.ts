import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertParsesOrRefuses } from '../../../../test/helpers/format-fuzz.js';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { type ErrorCode, isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline, type Ninjs, textsByRole } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { newsmlG2Format } from './index.js';

const dir = new URL('../../../../test/fixtures/wire/newsml-g2/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir));
const parse = (path: string, warn?: (m: string) => void) => newsmlG2Format.parse(read(path), { filename: path, warn });
const one = (path: string): Ninjs => {
  const items = parse(path);
  assert.equal(items.length, 1);
  return items[0]!;
};

describe('newsml-g2 format', () => {
  it('reads a TT newsMessage as its packageItem, text and picture, in document order', () => {
    const [pkg, text, picture] = parse('ok/TT_newsmlg2_sample.xml');
    assert.equal(pkg?.uri, 'http://tt.se/media/text/210919-janguillou-879f202b-pack');
    assert.equal(pkg?.type, 'composite');
    assert.deepEqual(pkg?.associations, [
      { name: 'root-1', uri: 'http://tt.se/media/text/210919-janguillou-879f202b' },
      { name: 'media-1', uri: 'http://tt.se/media/image/sdlm1btzmKu8WU' },
    ]);
    assert.equal(text?.uri, 'http://tt.se/media/text/210919-janguillou-879f202b');
    assert.equal(text?.type, 'text');
    assert.equal(text?.version, '1');
    assert.equal(text?.urgency, 3);
    assert.equal(text?.versioncreated, '2021-09-19T18:57:43Z');
    assert.equal(text?.language, 'sv');
    assert.equal(mainHeadline(text!), 'Jan Guillou skriver på ny "Hamilton"-bok');
    assert.equal(text?.copyrightholder, 'TT');
    assert.deepEqual(text?.infosources, [{ name: 'TT' }]);
    assert.deepEqual(text?.subjects?.[0], {
      uri: 'http://cv.iptc.org/newscodes/mediatopic/20000013',
      literal: 'medtop:20000013',
      name: 'Litteratur',
    });
    assert.deepEqual(
      text?.people?.map((p) => p.name),
      ['Jan Guillou', 'Erik Ponti', 'Hamilton'],
    );
    assert.deepEqual(text?.organisations, [{ name: 'Aftonbladet' }]);
    assert.equal(picture?.type, 'picture');
    assert.equal(picture?.pubstatus, 'usable');
  });

  it('keeps the children of an XHTML body, without the repeated h1 or the metadata line', () => {
    const [, text] = parse('ok/TT_newsmlg2_sample.xml');
    const html = mainBodyHtml(text!) ?? '';
    assert.match(html, /^<figure><img src="https:\/\/thumbnail\.tt\.se\/[^"]+" alt="Journalisten/);
    assert.match(html, /<figcaption>Journalisten och författaren Jan Guillou/);
    assert.match(
      html,
      /<p>Jan Guillou arbetar just nu .* skriver <a href="https:\/\/www\.aftonbladet\.se\/[^"]+">Aftonbladet<\/a>\.<\/p><blockquote>/,
    );
    assert.doesNotMatch(html, /<h[12]>|LitteraturTT|<div|<section|data-|<html|<body/);
  });

  it('reads picture renditions from remoteContent, named by their rendition code', () => {
    const [, , picture] = parse('ok/TT_newsmlg2_sample.xml');
    assert.deepEqual(picture?.renditions?.[0], {
      name: 'highRes',
      href: 'https://beta.tt.se/media/text/210919-janguillou-879f202b/a001_NormalHires.jpg',
      contenttype: 'image/jpeg',
      width: 4928,
      height: 3280,
      sizeinbytes: 6223550,
    });
    assert.deepEqual(
      picture?.renditions?.map((r) => r.name),
      ['highRes', 'preview', undefined, 'thumbnail'],
    );
    assert.deepEqual(textsByRole(picture?.descriptions, 'caption'), [
      'Journalisten och författaren Jan Guillou jobbar på en ny bok om agenten Hamilton. Arkivbild.',
    ]);
  });

  it('reads a Getty picture: rights, photographer, caption, keywords, places and a trailing space in a time', () => {
    const item = one('ok/LISTING_3_Photo_in_NewsML-G2.xml');
    assert.equal(item.uri, 'tag:gettyimages.com,2010:GYI0062134533');
    assert.equal(item.version, '11');
    assert.equal(item.type, 'picture');
    assert.equal(item.versioncreated, '2018-10-12T06:42:04Z');
    assert.equal(item.firstcreated, '2010-10-20T20:58:00Z');
    assert.equal(item.contentcreated, '2010-10-20T23:45:58Z');
    assert.equal(item.language, 'en-US');
    assert.equal(item.by, 'Spencer Platt');
    assert.equal(item.copyrightholder, 'Getty Images North America');
    assert.equal(item.copyrightnotice, 'Copyright 2010 Getty Images. -- http://www.gettyimages.com/Corporate/LicenseInfo.aspx');
    assert.match(item.usageterms ?? '', /^Contact your local office for all commercial or promotional uses\. Full editorial/);
    assert.match(textsByRole(item.descriptions, 'caption')[0] ?? '', /^A general view of part of downtown, including Las Vegas Boulevard,/);
    assert.deepEqual(item.subjects?.[0], {
      uri: 'http://cv.iptc.org/newscodes/mediatopic/20000523',
      literal: 'medtop:20000523',
      name: 'labour market',
    });
    assert.deepEqual(item.places, [{ name: 'Las Vegas Boulevard' }, { literal: 'gycon:89109', name: 'Las Vegas' }]);
    assert.deepEqual(item.keywords, ['business', 'economic', 'economy', 'finance', 'poor', 'poverty', 'gamble']);
    assert.deepEqual(
      item.renditions?.map((r) => [r.name, r.width, r.height]),
      [
        ['highRes', 1500, 1001],
        ['web', 480, 320],
        ['thumb', 80, 53],
      ],
    );
    assert.equal(item.bodies, undefined);
  });

  it('reads a text with an inline NITF body, its summary and medtop subjects', () => {
    const item = one('ok/LISTING_22_Sports_story_in_NewsML-G2NITF.xml');
    assert.equal(item.uri, 'tag:xmlteam.com,2016:xt.5932656-preview');
    assert.equal(item.version, '11');
    assert.equal(item.versioncreated, '2018-10-19T15:45:00Z');
    assert.equal(mainHeadline(item), 'Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05 p.m.');
    assert.equal(item.slugline, 'AAV!PREVIEW-ARI-PHI');
    assert.equal(item.by, undefined, 'a byline of only a byttl is no byline');
    assert.match(
      textsByRole(item.descriptions, 'summary')[0] ?? '',
      /^A pair of teams coming off big weekend sweeps will square off tonight/,
    );
    assert.deepEqual(
      item.subjects?.filter((s) => s.uri).map((s) => s.uri),
      ['http://cv.iptc.org/newscodes/mediatopic/20000822', 'http://cv.iptc.org/newscodes/mediatopic/20000849'],
    );
    assert.deepEqual(
      item.people?.map((p) => p.name),
      ['Doug Davis', 'Freddy Garcia'],
    );
    const html = mainBodyHtml(item) ?? '';
    assert.match(
      html,
      /^<p>\(Sports Network\) - A pair of teams coming off big weekend sweeps will square off tonight at Citizens Bank Park,/,
    );
    assert.equal(html.match(/<p>/g)?.length, 6);
    assert.doesNotMatch(html, /Sports Network<\/p>|<h2>/, 'body.head stays out of the body');
  });

  it('decodes an ISO-8859-1 AP video item and names machine subjects from its assert blocks', () => {
    const item = one('ok/ap_metadata_example.xml');
    assert.equal(item.type, 'video');
    assert.equal(item.language, 'en');
    assert.equal(item.headlines, undefined);
    assert.deepEqual(item.places, [{ literal: 'apgeography:2f6e294082b310048474df092526b43e', name: 'Kentucky' }]);
    assert.deepEqual(item.people, [{ literal: 'apperson:4e7a7c0fdad04d8880888ae63a083c36', name: 'Keegan Murray' }]);
    assert.deepEqual(item.organisations, [{ literal: 'apcompany:b406375ae52c4b41b8bdd341760f2768', name: 'Volkswagen AG' }]);
  });

  it('reports a dpa embargo in UTC, keeps the item usable and only the public edNotes', () => {
    const item = one('ok/dpa-digitalwires-embargoed.xml');
    assert.equal(item.uri, 'urn:newsml:dpa.com:20090101:250123-930-353124');
    assert.equal(item.pubstatus, 'usable');
    assert.equal(item.versioncreated, '2025-01-23T13:10:47Z');
    assert.equal(item.embargoed, '2025-01-23T18:00:00Z');
    assert.equal(item.urgency, 4);
    assert.equal(mainHeadline(item), 'Steinmeier: Russland zerstört kulturelles Erbe der Ukraine');
    assert.equal(item.dateline, 'Berlin (dpa) -');
    assert.equal(item.copyrightnotice, 'Copyright 2025, dpa (www.dpa.de). Alle Rechte vorbehalten');
    assert.equal(item.usageterms, 'Nutzung nur nach schriftlicher Vereinbarung mit dpa Use only with the written agreement with dpa');
    assert.match(item.ednote ?? '', /^Bitte beachten Sie die Sperrfrist der Meldung bis heute Abend \(23\.01\.\), 19\.00 Uhr\.\n\n/);
    assert.doesNotMatch(item.ednote ?? '', /Szameitat|@dpa\.com|Notizblock/, 'non-public notes and the notepad stay out');
    assert.deepEqual(
      item.subjects?.find((s) => s.literal === 'medtop:20000062'),
      { uri: 'http://cv.iptc.org/newscodes/mediatopic/20000062', literal: 'medtop:20000062', name: 'Krieg' },
    );
    assert.deepEqual(
      item.subjects?.find((s) => s.literal === 'dpasubject:185'),
      { literal: 'dpasubject:185', name: 'Ausstellungen' },
      'an agency scheme keeps its literal, with no uri',
    );
    assert.deepEqual(
      item.places?.map((p) => p.name),
      ['Berlin', 'Ukraine', 'Deutschland', 'Russland', 'Kulturforum'],
    );
    const html = mainBodyHtml(item) ?? '';
    assert.match(html, /<p>Berlin \(dpa\) - Bundespräsident Frank-Walter Steinmeier hat vor der Zerstörung/);
    assert.match(html, /<h2>Gemälde aus Odessa mit Werken aus Berliner Sammlungen im Dialog<\/h2>/);
    assert.doesNotMatch(html, /Sperrfrist|Ausstellungen<\/li>|<h1|<time/, 'the XHTML header is page furniture');
  });

  it('reads the by and dateline of a dpa text', () => {
    const item = one('ok/dpa-digitalwires-with_dateline.xml');
    assert.equal(item.version, '2');
    assert.equal(item.by, 'Von Andrej Sokolow, dpa');
    assert.equal(item.dateline, 'New York (dpa) -');
    assert.equal(textsByRole(item.descriptions, 'correction').length, 0, 'sig:update is an update, not a correction');
  });

  it('marks a dpa picture correction and keeps its caption, credit and signed rendition', () => {
    const item = one('ok/dpa-digitalwires-image.xml');
    assert.equal(item.type, 'picture');
    assert.equal(item.version, '4');
    assert.equal(item.by, 'Steve Helber');
    assert.equal(item.contentcreated, '2019-12-07T00:00:00Z');
    assert.deepEqual(textsByRole(item.descriptions, 'correction'), ['FILE PHOTO -Ortsname korrigiert']);
    assert.match(textsByRole(item.descriptions, 'caption')[0] ?? '', /^Caroline Kennedy, Tochter des ehemaligen US-Präsidenten Kennedy/);
    assert.deepEqual(textsByRole(item.descriptions, 'creditline'), ['Steve Helber/AP/dpa']);
    assert.deepEqual(item.infosources, [
      { name: 'dpa', role: 'supplier' },
      { name: 'AP', role: 'contentSource' },
    ]);
    assert.match(item.renditions?.[0]?.href ?? '', /\?signature=Gz5jOfmwWOfNlPAsKy83vB_nHDc&expires=1738368000$/);
  });

  it('gives the contract shape for every sample: ninjs 2.x only, no empty values, UTC times', () => {
    for (const file of readdirSync(new URL('ok/', dir)))
      assertNinjsContract([file].flatMap((f) => newsmlG2Format.parse(read(`ok/${f}`), { filename: f })));
  });

  it('is detected from the content of every sample, whatever the file name', () => {
    for (const file of readdirSync(new URL('ok/', dir))) {
      assert.equal(detectFormat(read(`ok/${file}`), 'no-extension').name, 'newsml-g2', file);
    }
  });

  it('skips an empty packageItem without guid, with a warning', () => {
    const bytes = Buffer.from(
      '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet><packageItem standard="NewsML-G2"><itemMeta/></packageItem>' +
        '<newsItem guid="urn:x:1"><contentMeta><headline>Kept</headline></contentMeta></newsItem></itemSet></newsMessage>',
    );
    const warnings: string[] = [];
    const items = newsmlG2Format.parse(bytes, { filename: 'msg.xml', warn: (m) => warnings.push(m) });
    assert.deepEqual(
      items.map((i) => i.uri),
      ['urn:x:1'],
    );
    assert.match(warnings[0] ?? '', /^msg\.xml: skipped an empty packageItem without guid/);
  });

  it('refuses each broken file with a typed error that names the file and the reason', () => {
    const cases: Array<[string, ErrorCode, RegExp]> = [
      [
        'bad/truncated.xml',
        'LEDE_INGEST_PARSE',
        /^bad\/truncated\.xml: not well-formed XML at line \d+: the file ends before <newsMessage>, <itemSet>, <newsItem>/,
      ],
      ['bad/billion-laughs.xml', 'LEDE_INGEST_XML_ENTITY', /^bad\/billion-laughs\.xml: declares an XML entity at line 3/],
      ['bad/xxe.xml', 'LEDE_INGEST_XML_ENTITY', /^bad\/xxe\.xml: declares an XML entity at line 3/],
      ['bad/wrong-encoding.xml', 'LEDE_INGEST_ENCODING', /^bad\/wrong-encoding\.xml: bytes are not valid UTF-8 at line 4/],
      ['bad/unknown-pubstatus.xml', 'LEDE_INGEST_FIELD', /^bad\/unknown-pubstatus\.xml: `pubStatus` "stat:killed" is not a known status/],
      ['bad/missing-guid.xml', 'LEDE_INGEST_FIELD', /^bad\/missing-guid\.xml: `guid` is missing on <newsItem>/],
    ];
    for (const [file, code, message] of cases) {
      assert.throws(
        () => parse(file),
        (e) => isLedeError(e, code) && message.test(e.message),
        file,
      );
    }
  });

  it('gives items or a LedeError for random bytes and mutated samples, quickly', () => {
    const samples = readdirSync(new URL('ok/', dir)).map((f) => read(`ok/${f}`));
    assertParsesOrRefuses(newsmlG2Format, samples);
  });
});
