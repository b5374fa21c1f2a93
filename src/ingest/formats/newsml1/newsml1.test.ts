import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertParsesOrRefuses } from '../../../../test/helpers/format-fuzz.js';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { type ErrorCode, isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline, type Ninjs, textsByRole } from '../../../core/ninjs.js';
import { detectFormat } from '../../detect.js';
import { newsml1Format } from './index.js';

const dir = new URL('../../../../test/fixtures/wire/newsml1/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dir));
const one = (bytes: Buffer, filename = 'item.xml'): Ninjs => {
  const items = newsml1Format.parse(bytes, { filename });
  assert.equal(items.length, 1);
  return items[0]!;
};
const afp = 'ok/afp.com_newsml1.2_sample.xml';
const alert = 'ok/afp.com-20231125T073654Z-TX-PAR-EWK46.xml';
const mmd = 'ok/newsmlmmd.urn.newsml.afp.com.20231126.doc.344w7y2.xml';
const bw = 'ok/businesswire-newsml-20130731006140.xml';

describe('newsml1 format', () => {
  it('reads a classic AFP text: uri without its revision, version, status, times, lines and origin', () => {
    const item = one(read(afp));
    assert.equal(item.uri, 'urn:newsml:afp.com:20210516T080625Z:TX-PAR-WGF71');
    assert.equal(item.version, '1');
    assert.equal(item.type, 'text');
    assert.equal(item.pubstatus, 'usable');
    assert.equal(item.urgency, 4);
    assert.equal(item.language, 'en');
    assert.equal(item.firstcreated, '2021-05-16T08:06:25Z');
    assert.equal(item.versioncreated, '2021-05-16T08:06:25Z');
    assert.equal(mainHeadline(item), 'Israel strikes key Hamas targets as UN Security Council to meet');
    assert.equal(item.dateline, 'Gaza City, Palestinian Territories, May 16, 2021 (AFP) -');
    assert.equal(item.located, 'Gaza City');
    assert.equal(item.by, 'Adel Zaanoun with Guillaume Lavallee in Jerusalem');
    assert.deepEqual(item.infosources, [{ name: 'AFP' }]);
    assert.deepEqual(item.keywords, ['Israel', 'Palestinians', 'conflict']);
    assert.ok(item.people?.some((p) => p.name === 'Antonio Guterres'));
  });

  it('writes SubjectCodes as IPTC subject codes with their uri', () => {
    const item = one(read(afp));
    assert.deepEqual(item.subjects?.[0], { uri: 'http://cv.iptc.org/newscodes/subjectcode/16000000', literal: 'subj:16000000' });
    assert.deepEqual(
      item.subjects?.map((s) => s.literal),
      ['subj:16000000', 'subj:16002000', 'subj:02003000', 'subj:11000000', 'subj:02000000', 'subj:02003001'],
    );
  });

  it('names SubjectCodes from the TopicSet Topic of the same code, in the item language, and adds subject Topics', () => {
    const topic = (type: string, code: string, descriptions: string, scheme = 'IptcSubjectCodes') =>
      `<Topic><TopicType FormalName="${type}" Scheme="IptcTopicType"/><FormalName Scheme="${scheme}">${code}</FormalName>${descriptions}</Topic>`;
    const xml =
      `<NewsML><TopicSet FormalName="Desks">${topic('Subject', '15000000', '<Description>Sport</Description>')}</TopicSet>` +
      '<NewsEnvelope><DateAndTime>20240305T100000Z</DateAndTime></NewsEnvelope><NewsItem><Identification><NewsIdentifier>' +
      '<ProviderId>example.com</ProviderId><DateId>20240305</DateId><NewsItemId>T1</NewsItemId><RevisionId>1</RevisionId>' +
      '</NewsIdentifier></Identification><NewsManagement><ThisRevisionCreated>20240305T100000Z</ThisRevisionCreated></NewsManagement>' +
      '<NewsComponent><TopicSet FormalName="NewsSubjects">' +
      topic(
        'SubjectMatter',
        '09003000',
        '<Description xml:lang="en" Variant="Category">LAB</Description><Description xml:lang="de" Variant="Name">Arbeit</Description>' +
          '<Description xml:lang="en" Variant="Name">Labour market</Description>',
      ) +
      topic('SubjectDetail', '04008004', '<Description xml:lang="en" Variant="Name">Economic indicator</Description>') +
      topic('Person', 'P-17', '<Description>Ana Example</Description>', 'Staff') +
      topic('Subject', 'ECO', '<Description>Economy desk</Description>', 'XA') +
      '</TopicSet><DescriptiveMetadata><Language FormalName="EN"/><SubjectCode><SubjectMatter FormalName="09003000"/>' +
      '<SubjectDetail FormalName="04008004"/></SubjectCode><SubjectCode><Subject FormalName="11000000"/></SubjectCode></DescriptiveMetadata>' +
      '</NewsComponent></NewsItem></NewsML>';
    assert.deepEqual(one(Buffer.from(xml)).subjects, [
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/09003000', literal: 'subj:09003000', name: 'Labour market' },
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/04008004', literal: 'subj:04008004', name: 'Economic indicator' },
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/11000000', literal: 'subj:11000000' },
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/15000000', literal: 'subj:15000000', name: 'Sport' },
      { literal: 'XA:ECO', name: 'Economy desk' },
    ]);
  });

  it('turns the embedded NITF body into paragraphs and crossheads, without empty paragraphs', () => {
    const html = mainBodyHtml(one(read(afp))) ?? '';
    assert.match(html, /^<p>Israel's army said Sunday it had bombed the home of the political leader of Islamist group Hamas/);
    assert.match(html, /<\/p><h2>- Media offices destroyed -<\/h2><p>The civilian death toll/);
    assert.match(html, /<p>bur-dar-gl\/fz<\/p>$/);
    assert.doesNotMatch(html, /<p><\/p>|<p\/>/);
  });

  it('reads the Arabic alert with an empty HeadLine: no headline, the sentence as body', () => {
    const item = one(read(alert));
    assert.equal(item.uri, 'urn:newsml:afp.com:20231125T073654Z:TX-PAR-EWK46');
    assert.equal(item.urgency, 2);
    assert.equal(item.language, 'ar');
    assert.equal(item.headlines, undefined);
    assert.equal(item.located, 'كييف');
    assert.deepEqual(item.infosources, [{ name: 'أ ف ب' }]);
    assert.equal(mainBodyHtml(item), '<p>كييف تؤكد إسقاط 71 مسيّرة روسية ليل الجمعة السبت</p><p>بور/غ ر/نور</p>');
  });

  it('reads the newsmlmmd layout: lines of the story, its text component, and its photos as associations', () => {
    const item = one(read(mmd));
    assert.equal(item.uri, 'urn:newsml:afp.com:20231126:doc-344w7y2');
    assert.equal(mainHeadline(item), 'الشرطة الإسلامية في نيجيريا تكافح "بالحسنى" المحتوى "غير الأخلاقي" على الإنترنت');
    assert.equal(item.by, 'أمين أبو بكر');
    assert.equal(item.dateline, 'كانو (نيجيريا) (أ ف ب)');
    assert.equal(item.copyrightnotice, '© 2023 AFP');
    assert.equal(item.slugline, 'Nigeria-influenceurs-religion-culture-internet-société');
    assert.equal(item.located, 'كانو');
    assert.equal(item.subjects?.length, 4, 'a repeated SubjectCode counts once');
    const html = mainBodyHtml(item) ?? '';
    assert.match(html, /^<p>في شمال نيجيريا، تعتمد الشرطة الإسلامية/);
    assert.doesNotMatch(html, /<media|photo0|<figure/, 'a media reference to a component is not a picture URL');
    const [photo0, photo1] = item.associations ?? [];
    assert.equal(item.associations?.length, 2);
    assert.equal(photo0?.name, 'photo0');
    assert.equal(photo0?.uri, 'urn:newsml:afp.com:20231126:doc-344w7y2#photo0');
    assert.equal(photo0?.type, 'picture');
    assert.equal(photo0?.by, 'أمينو أبو بكر');
    assert.deepEqual(textsByRole(photo0?.descriptions, 'caption'), [
      'امرأة أمام مكاتب الشرطة الإسلامية (الحسبة) في كانو شمالي نيجيريا في 28 تشرين الأول/أكتوبر 2023',
    ]);
    assert.deepEqual(photo0?.renditions?.[0], {
      name: 'HighDef',
      href: 'c491cc1b357092444ed6bee7986164956c7952cb.jpg',
      contenttype: 'image/jpeg',
      width: 768,
      height: 515,
      sizeinbytes: 166046,
    });
    assert.deepEqual(
      photo1?.renditions?.map((r) => r.name),
      ['HighDef', 'Quicklook', 'Thumbnail'],
    );
  });

  it('reads a Business Wire release: nested headline, sub-headline component, XHTML body, logo and video', () => {
    const item = one(read(bw));
    assert.equal(item.uri, 'urn:newsml:businesswire.com:20010714:20130731006140');
    assert.deepEqual(item.headlines, [
      { role: 'main', value: 'Lunch Taking a Toll? Let Applebee’s® Industrial Strength Lunch Decoy Stand In' },
      {
        role: 'sub',
        value:
          'With a Year’s Worth of Lunch Combos Starting at $6.99, New 62-Inch, 12-Gauge Vinyl Model Built to Endure Even More Mundane Work Situations',
      },
    ]);
    assert.equal(item.slugline, 'MO-APPLEBEE’S');
    assert.equal(item.dateline, 'KANSAS CITY, Mo.');
    assert.equal(item.copyrightnotice, 'Copyright Business Wire 2013');
    const html = mainBodyHtml(item) ?? '';
    assert.match(html, /^<p>With more Applebee’s<sup>®<\/sup> Lunch Combos than ever – enough to try a new combination/);
    assert.match(html, /<ul><li>The<b> Classic Turkey Breast Sandwich <\/b> is thick slices .*<\/li><li>The<b> American BLT/);
    assert.doesNotMatch(html, /bwalignc|text-align|cwagner@|<span|class=/, 'no stylesheet, contact block or classes');
    assert.deepEqual(
      item.associations?.map((a) => [a.name, a.type, a.renditions?.length]),
      [
        ['video', 'video', 6],
        ['logo', 'picture', 3],
      ],
    );
    assert.deepEqual(
      item.associations?.[1]?.renditions?.map((r) => r.name),
      ['Thumbnail', 'Viewimage', 'Lowres'],
    );
  });

  it('reads an HTML string body in CDATA, upper-case tags and all, through the sanitiser', () => {
    const text = read(afp)
      .toString('utf8')
      .replace(
        /<DataContent>[\s\S]*<\/DataContent>/,
        '<DataContent><![CDATA[<P>First &amp; <B>bold</B>.<P>Second<SCRIPT>x()</SCRIPT>]]></DataContent>',
      )
      .replace('<Format FormalName="NITF3.1"/>', '<Format FormalName="HTML"/><MimeType FormalName="text/html"/>');
    const item = one(Buffer.from(text));
    assert.equal(mainBodyHtml(item), '<p>First &amp; <b>bold</b>.</p><p>Second</p>');
    assert.deepEqual(item.genres, [{ literal: 'Article' }, { literal: 'Update' }]);
  });

  it('decodes an ISO-8859-1 file from its declaration', () => {
    const text = read(afp).toString('utf8').replace('encoding="utf-8"', 'encoding="ISO-8859-1"').replaceAll('Gaza City', 'Gaza Cité');
    const item = one(Buffer.from(text, 'latin1'));
    assert.equal(item.located, 'Gaza Cité');
    assert.match(item.dateline ?? '', /^Gaza Cité, Palestinian Territories/);
  });

  it('maps Status and StatusWillChange: a kill, a withhold, an embargo that stays usable', () => {
    const withStatus = (management: string) => Buffer.from(read(afp).toString('utf8').replace('<Status FormalName="Usable"/>', management));
    assert.equal(one(withStatus('<Status FormalName="Canceled"/>')).pubstatus, 'canceled');
    assert.equal(one(withStatus('<Status FormalName="Withheld"/>')).pubstatus, 'withheld');
    const embargoed = one(
      withStatus(
        '<Status FormalName="Embargoed"/><StatusWillChange><FutureStatus FormalName="Usable"/><DateAndTime>20210516T120000+0200</DateAndTime></StatusWillChange>',
      ),
    );
    assert.equal(embargoed.pubstatus, 'usable');
    assert.equal(embargoed.embargoed, '2021-05-16T10:00:00Z');
  });

  it('takes versioncreated from FirstCreated, then the envelope DateAndTime, when ThisRevisionCreated is empty', () => {
    const withTimes = (first: string, envelope = '20210516T080625Z') =>
      Buffer.from(
        read(afp)
          .toString('utf8')
          .replace(/<FirstCreated>[^<]*<\/FirstCreated><ThisRevisionCreated>[^<]*<\/ThisRevisionCreated>/, `${first}<ThisRevisionCreated/>`)
          .replace('<DateAndTime>20210516T080625Z</DateAndTime>', `<DateAndTime>${envelope}</DateAndTime>`),
      );
    assert.equal(one(withTimes('<FirstCreated>20210516T070000+0200</FirstCreated>')).versioncreated, '2021-05-16T05:00:00Z');
    const enveloped = one(withTimes('<FirstCreated></FirstCreated>', '20210516T091500+0100'));
    assert.equal(enveloped.versioncreated, '2021-05-16T08:15:00Z');
    assert.equal(enveloped.firstcreated, undefined);
    const warnings: string[] = [];
    const [unknown] = newsml1Format.parse(withTimes('', 'soon'), { filename: 'item.xml', warn: (m) => warnings.push(m) });
    assert.equal(unknown?.versioncreated, undefined);
    assert.match(warnings.join('\n'), /item\.xml: `NewsEnvelope\/DateAndTime` "soon" is not a date and time/);
  });

  it('gives the contract shape for every sample: ninjs 2.x only, no empty values, UTC times', () => {
    for (const file of readdirSync(new URL('ok/', dir)))
      assertNinjsContract([file].flatMap((f) => newsml1Format.parse(read(`ok/${f}`), { filename: f })));
  });

  it('is detected from the content of every sample', () => {
    for (const file of readdirSync(new URL('ok/', dir))) {
      assert.equal(detectFormat(read(`ok/${file}`), 'no-extension').name, 'newsml1', file);
    }
  });

  it('refuses each broken file with a typed error that names the file and the reason', () => {
    const cases: Array<[string, ErrorCode, RegExp]> = [
      [
        'bad/truncated.xml',
        'LEDE_INGEST_PARSE',
        /^bad\/truncated\.xml: not well-formed XML at line 3: the file ends before <NewsML>, <NewsItem>, <NewsComponent>, <DescriptiveMetadata> are closed/,
      ],
      ['bad/xxe.xml', 'LEDE_INGEST_XML_ENTITY', /^bad\/xxe\.xml: declares an XML entity at line 2/],
      ['bad/wrong-encoding.xml', 'LEDE_INGEST_ENCODING', /^bad\/wrong-encoding\.xml: bytes are not valid UTF-8 at line 3/],
      ['bad/unknown-status.xml', 'LEDE_INGEST_FIELD', /^bad\/unknown-status\.xml: `Status\/@FormalName` "Killed" is not a known status/],
    ];
    for (const [file, code, message] of cases) {
      assert.throws(
        () => newsml1Format.parse(read(file), { filename: file }),
        (e) => isLedeError(e, code) && message.test(e.message),
        file,
      );
    }
  });

  it('gives items or a LedeError for random bytes and mutated samples, quickly', () => {
    assertParsesOrRefuses(
      newsml1Format,
      readdirSync(new URL('ok/', dir)).map((f) => read(`ok/${f}`)),
    );
  });
});
