import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { rssFormat } from './index.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../test/fixtures/wire/feeds/${path}`, import.meta.url));
const parse = (path: string) => rssFormat.parse(fixture(path), { filename: path });

describe('rss format', () => {
  it('reads every Guardian item with its guid, RFC 822 date, creator, language and categories', () => {
    const items = parse('ok/guardian.rss');
    assert.equal(items.length, 55);
    assertNinjsContract(items);
    const [first] = items;
    assert.equal(first?.uri, 'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord');
    assert.equal(first?.type, 'text');
    assert.equal(first?.pubstatus, 'usable');
    assert.equal(first?.versioncreated, '2018-01-31T07:26:05Z');
    assert.equal(first?.firstcreated, undefined);
    assert.equal(first?.version, undefined);
    assert.equal(first?.by, 'David Smith in Washington');
    assert.equal(first?.language, 'en-gb');
    assert.equal(mainHeadline(first!), 'Trump State of the Union address promised unity but emphasized discord');
    assert.deepEqual(first?.infosources, [{ name: 'The Guardian' }]);
    assert.deepEqual(first?.subjects?.[0], { literal: 'Donald Trump', name: 'Donald Trump' });
    assert.equal(first?.subjects?.length, 7);
    assert.equal(new Set(items.map((i) => i.uri)).size, 55);
  });

  it('turns the HTML description into paragraphs, wrapping its bare trailing link', () => {
    const [first] = parse('ok/guardian.rss');
    const body = mainBodyHtml(first!) ?? '';
    assert.match(body, /^<p>The president’s ‘new American moment’ speech/);
    assert.match(body, /<p><a href="https:\/\/www\.theguardian\.com\/[^"]+">Continue reading\.\.\.<\/a><\/p>$/);
    assert.doesNotMatch(body, /<span/);
    // Without content:encoded, the description is the body and not also a summary.
    assert.equal(first?.descriptions, undefined);
  });

  it('makes the two media:content sizes one picture with two renditions and the credit as by', () => {
    const [first] = parse('ok/guardian.rss');
    assert.equal(first?.associations?.length, 1);
    const picture = first?.associations?.[0];
    assert.equal(picture?.name, 'featuremedia');
    assert.equal(picture?.type, 'picture');
    assert.equal(picture?.uri, 'https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg');
    assert.equal(picture?.by, 'Photograph: Networ/Sipa USA/REX/Shutterstock');
    assert.deepEqual(
      picture?.renditions?.map((r) => r.width),
      [140, 460],
    );
    assert.match(picture?.renditions?.[0]?.href ?? '', /3000\.jpg\?w=140&q=55/);
  });

  it('decodes the undeclared ISO-8859-1 UOL feed as Windows-1252 and reads Portuguese dates', () => {
    const items = parse('ok/uolNoticias.rss');
    assert.equal(items.length, 15);
    assertNinjsContract(items);
    const [first, second] = items;
    assert.equal(mainHeadline(first!), 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
    assert.equal(first?.versioncreated, '2018-09-24T22:42:40Z');
    // `<language></language>` is no language.
    assert.equal(first?.language, undefined);
    assert.deepEqual(first?.infosources, [{ name: 'UOL Noticias' }]);
    assert.match(mainBodyHtml(first!) ?? '', /^<p><img src="https:\/\/conteudo\.imguol\.com\.br\/[^"]+" \/>\s*Líder na pesquisa/);
    // An empty description gives no body at all.
    assert.equal(second?.bodies, undefined);
  });

  it('keeps content:encoded as the body and the description as the summary, sanitised', () => {
    const [item] = parse('ok/partner-mrss.rss');
    assertNinjsContract([item]);
    assert.equal(item?.uri, 'post-example-20240305-0042');
    assert.equal(item?.versioncreated, '2024-03-05T14:40:31Z');
    assert.equal(mainHeadline(item!), 'Council approves new harbour budget');
    assert.equal(item?.by, 'Ana Example, Rui Example');
    assert.deepEqual(item?.descriptions, [{ role: 'summary', value: 'The council voted 7 to 2.' }]);
    assert.equal(
      mainBodyHtml(item!),
      '<p>The council voted 7 to 2 on Tuesday.</p><p>Spending on the quay rises by a third.</p><p>Work starts <a>in May</a>.</p>',
    );
    assert.deepEqual(
      item?.subjects?.map((s) => s.literal),
      ['Politics', 'Harbour'],
    );
    assert.deepEqual(item?.infosources, [{ name: 'Portvale Post & Courier' }]);
  });

  it('reads a media:group as one picture and image enclosures as more, but not audio or thumbnails beside them', () => {
    const [item] = parse('ok/partner-mrss.rss');
    const [group, enclosure, ...rest] = item?.associations ?? [];
    assert.equal(rest.length, 0);
    assert.equal(group?.by, 'Lia Example');
    assert.deepEqual(group?.descriptions, [{ role: 'caption', value: 'The quay at dawn.' }]);
    assert.deepEqual(group?.renditions?.[0], {
      href: 'https://img.example.com/quay-1200.jpg',
      contenttype: 'image/jpeg',
      width: 1200,
      height: 800,
      sizeinbytes: 245000,
    });
    assert.equal(group?.renditions?.length, 2);
    assert.equal(enclosure?.name, 'picture-2');
    assert.deepEqual(enclosure?.renditions, [
      { href: 'https://img.example.com/council.png', contenttype: 'image/png', sizeinbytes: 51200 },
    ]);
  });

  it('falls back to link, author name, a two-digit year, a thumbnail and blank-line paragraphs', () => {
    const [, tides, brief] = parse('ok/partner-mrss.rss');
    assert.equal(tides?.uri, 'https://post.example.com/tides/march');
    assert.equal(tides?.by, 'Harbour Desk');
    assert.equal(tides?.versioncreated, '2024-03-04T22:05:00Z');
    assert.equal(mainBodyHtml(tides!), '<p>High tide at 06:12.</p><p>Low tide at 12:30 &amp; 18:40.</p>');
    assert.equal(tides?.associations?.[0]?.renditions?.[0]?.href, 'https://img.example.com/tides-thumb');
    // No guid and no link: a uri minted from the content, the same on every read.
    assert.match(brief?.uri ?? '', /^urn:lede:rss:[0-9a-f]{64}$/);
    assert.equal(parse('ok/partner-mrss.rss')[2]?.uri, brief?.uri);
    assert.equal(brief?.versioncreated, '2024-03-03T07:00:00Z');
    assert.equal(brief?.headlines, undefined);
  });

  it('reads RSS 1.0 (RDF) items with their rdf:about and dc: fields', () => {
    const [item] = parse('ok/rdf-1.0.rss');
    assert.equal(item?.uri, 'https://notes.example.net/1');
    assert.equal(item?.language, 'nl');
    assert.equal(item?.by, 'Redactie');
    assert.equal(item?.versioncreated, '2024-03-05T11:00:00Z');
    assert.deepEqual(item?.subjects, [{ literal: 'Haven', name: 'Haven' }]);
  });

  it('is detected from the content, and leaves WordPress exports to the WXR format', () => {
    assert.equal(detectFormat(fixture('ok/guardian.rss'), 'feed').name, 'rss');
    assert.equal(detectFormat(fixture('ok/uolNoticias.rss'), 'x').name, 'rss');
    assert.equal(detectFormat(fixture('ok/rdf-1.0.rss'), 'x').name, 'rss');
    const wxr = readFileSync(new URL('../../../../test/fixtures/wire/wxr/ok/harbour-gazette.xml', import.meta.url));
    assert.equal(detectFormat(wxr, 'export.xml').name, 'wxr');
    assert.equal(rssFormat.detect(fixture('ok/heise.atom'), 'x'), 0);
  });

  it('refuses entity declarations and names the reason for broken files', () => {
    const reject = (path: string, code: string, reason: RegExp) =>
      assert.throws(
        () => parse(path),
        (e) => isLedeError(e) && e.code === code && e.message.startsWith(`${path}: `) && reason.test(e.message),
      );
    reject('bad/billion-laughs.rss', 'LEDE_INGEST_XML_ENTITY', /entity/);
    reject('bad/truncated.rss', 'LEDE_INGEST_PARSE', /not well-formed XML/);
    reject('bad/bad-pubdate.rss', 'LEDE_INGEST_FIELD', /`pubDate` "sometime next week" is not a date/);
    reject('bad/no-channel.rss', 'LEDE_INGEST_PARSE', /needs a `channel`/);
    // A declared encoding is obeyed: Latin-1 bytes in a file that says UTF-8 stay an error.
    reject('bad/latin1-declared-utf8.rss', 'LEDE_INGEST_ENCODING', /not valid UTF-8/);
  });
});
