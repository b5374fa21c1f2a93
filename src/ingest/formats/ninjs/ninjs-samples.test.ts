import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertNinjsContract } from '../../../../test/helpers/ninjs-contract.js';
import { isLedeError } from '../../../core/errors.js';
import { mainBodyHtml, mainHeadline } from '../../../core/ninjs.js';
import { ninjsFormat } from './index.js';

const folder = new URL('../../../../test/fixtures/wire/ninjs/ok/', import.meta.url);
const parse = (name: string) => ninjsFormat.parse(readFileSync(new URL(name, folder)), { filename: name });
const parseJson = (value: unknown) => ninjsFormat.parse(Buffer.from(JSON.stringify(value)), { filename: 'inline.json' });

describe('ninjs format against the contract', () => {
  it('gives the contract shape for every sample: one main HTML body, UTC times, no empty values', () => {
    for (const name of readdirSync(folder)) assertNinjsContract(parse(name));
  });

  it('wraps the bare text of a ninjs 1.x body_xhtml into a paragraph (Business Wire)', () => {
    const [item] = parse('businesswire-newsml-20130731006140.ninjs-1.4.json');
    const body = mainBodyHtml(item!) ?? '';
    assert.match(body, /^<p>With more Applebee’s<sup>®<\/sup> Lunch Combos than ever/);
    assert.match(body, /which sold out in weeks last summer\.<\/p>$/);
  });

  it('reads keyed 1.x renditions with mimetype as contenttype and their size', () => {
    const [item] = parse('businesswire-newsml-20130731006140.ninjs-1.4.json');
    const logo = item?.associations?.find((a) => a.name === 'logo');
    assert.equal(logo?.type, 'graphic');
    assert.deepEqual(logo?.renditions?.[0], {
      name: 'thumbnail',
      href: 'http://mms.businesswire.com/media/newsItemId/en/372964/2/AB_LOGO_thumbnail.jpg',
      contenttype: 'image/jpeg',
      width: 107,
      height: 70,
      sizeinbytes: 6753,
    });
    const video = item?.associations?.find((a) => a.name === 'video');
    assert.deepEqual(video?.renditions?.at(-1), {
      name: 'broadband',
      href: 'http://mms.businesswire.com/media/newsItemId/en/377719/19/1730461_Lunch_Decoy_Extended_MP4+1Mbps+import.mp4',
      contenttype: 'video/mp4',
      sizeinbytes: 12673045,
    });
  });

  it("makes dpa's `html` body the main one, without its section wrapper", () => {
    const [item] = parse('dpa_text.json');
    assert.deepEqual(
      item?.bodies?.map((b) => [b.role, b.contenttype]),
      [['main', 'text/html']],
    );
    assert.match(mainBodyHtml(item!) ?? '', /^<p>Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren»/);
  });

  it('keeps one of TT’s three HTML bodies, without the repeated headline, plus its plain text', () => {
    const [item] = parse('tt_text_image_2.json');
    assert.deepEqual(
      item?.bodies?.map((b) => [b.role, b.contenttype]),
      [
        ['main', 'text/html'],
        ['text', 'text/plain'],
      ],
    );
    const body = mainBodyHtml(item!) ?? '';
    assert.equal(mainHeadline(item!), 'Militärövning i jätteformat hålls 2023');
    assert.doesNotMatch(body, /<h2>|<html|<title/);
    // The `div.dat` label line (vignette and source) is metadata, not a first paragraph "FörsvarTT" (issue 10).
    assert.match(body, /^<p>Pandemin satte stopp/);
    assert.match(body, /<figure><img src="https:\/\/thumbnail\.tt\.se\/[^"]+" alt="En stor internationell[^"]*" \/>/);
  });

  it('reads a role-less description of a picture as its caption', () => {
    const [item] = parse('tt_text_image_2.json');
    const picture = item?.associations?.find((a) => a.type === 'picture');
    assert.equal(picture?.descriptions?.[0]?.role, 'caption');
    assert.match(picture?.descriptions?.[0]?.value ?? '', /^En stor internationell försvarsövning/);
    assert.deepEqual(picture?.renditions?.[0], {
      name: 'r00',
      href: 'https://beta.tt.se/media/text/210526-militarovning-a0f2d045/a001_NormalHires.jpg',
      contenttype: 'image/jpeg',
      width: 4724,
      height: 3149,
      sizeinbytes: 10326191,
    });
  });

  it('maps types outside the ninjs enum to the closest one, or leaves them out', () => {
    const typeOf = (type: unknown) => parseJson({ uri: 'u1', type })[0]?.type;
    assert.equal(typeOf('photo'), 'picture');
    assert.equal(typeOf('Image'), 'picture');
    assert.equal(typeOf('article'), 'text');
    assert.equal(typeOf('http://cv.iptc.org/newscodes/ninature/video'), 'video');
    assert.equal(typeOf('ninat:composite'), 'composite');
    assert.equal(typeOf('infographic'), 'graphic');
    assert.equal(typeOf('planning'), undefined);
  });

  it('reads ninjs 1.x concepts: IPTC scheme URIs, singular lists, main and sub headlines', () => {
    const [item] = parseJson({
      guid: 'urn:x:1',
      headline: 'Main',
      headlines: [{ value: 'First' }, { value: 'Second' }],
      subject: [
        { code: '04000000', scheme: 'http://cv.iptc.org/newscodes/subjectcode/', name: 'economy' },
        { code: 'X1', scheme: 'agency' },
      ],
      place: [{ name: 'Paris', rel: 'about' }],
      person: [{ name: 'Ana Example' }],
      description_html: '<p>A <b>short</b> summary.</p>',
      urgency: '3',
    });
    assert.deepEqual(item?.subjects, [
      { uri: 'http://cv.iptc.org/newscodes/subjectcode/04000000', literal: 'subj:04000000', name: 'economy' },
      { literal: 'agency:X1' },
    ]);
    assert.deepEqual(item?.places, [{ name: 'Paris', rel: 'about' }]);
    assert.deepEqual(item?.people, [{ name: 'Ana Example' }]);
    assert.deepEqual(item?.headlines, [
      { role: 'main', value: 'First' },
      { role: 'sub', value: 'Second' },
    ]);
    assert.deepEqual(item?.descriptions, [{ role: 'summary', value: 'A short summary.' }]);
    assert.equal(item?.urgency, 3);
  });

  it('gives subj: and medtop: literals their IPTC concept URI', () => {
    const [item] = parseJson({ uri: 'u2', subjects: [{ literal: 'medtop:20000763', name: 'economy' }, { literal: 'subj:15000000' }] });
    assert.deepEqual(
      item?.subjects?.map((s) => s.uri),
      ['http://cv.iptc.org/newscodes/mediatopic/20000763', 'http://cv.iptc.org/newscodes/subjectcode/15000000'],
    );
  });

  it('turns a text/plain-only body into paragraphs, and HTML sent as text/plain into HTML', () => {
    const [plain] = parseJson({ uri: 'u3', bodies: [{ contenttype: 'text/plain', value: 'One.\n\nTwo & <three>.' }] });
    assert.equal(mainBodyHtml(plain!), '<p>One.</p><p>Two &amp; &lt;three&gt;.</p>');
    const [html] = parseJson({ uri: 'u4', bodies: [{ contenttype: 'text/plain', value: '<p>Real <b>HTML</b></p>' }] });
    assert.equal(mainBodyHtml(html!), '<p>Real <b>HTML</b></p>');
  });

  it('mutated real samples give items or a LedeError, never another exception', () => {
    const samples = readdirSync(folder).map((name) => JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as Record<string, unknown>);
    const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))];
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.jsonValue()), { maxLength: 4 }),
        (sample, edits) => {
          const mutated: Record<string, unknown> = { ...sample };
          for (const [key, value] of edits) mutated[key] = value;
          try {
            assertNinjsContract(parseJson(mutated));
          } catch (error) {
            assert.ok(isLedeError(error), String(error));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
