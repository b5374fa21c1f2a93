import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mainBodyHtml } from '../../../core/ninjs.js';
import { nitfFormat } from '../nitf/index.js';
import { newsmlG2Format } from './index.js';

// Issue 10, items 4, 5 and 7, on modified copies of real samples (test/fixtures/wire/NOTICE.md).
const dir = new URL('../../../../test/fixtures/wire/newsml-g2/', import.meta.url);
const parse = (bytes: Buffer | string, filename = 'item.xml') => {
  const warnings: string[] = [];
  const items = newsmlG2Format.parse(Buffer.from(bytes), { filename, warn: (m) => warnings.push(m) });
  return { items, warnings };
};
const file = (name: string) => parse(readFileSync(new URL(name, dir)), name);

const item = (contentMeta: string, contentSet = '') =>
  `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentMeta>${contentMeta}</contentMeta><contentSet>${contentSet}</contentSet></newsItem>`;

describe('newsml-g2: agency flavours (issue 10)', () => {
  it('reads the paragraphs of agency-flavoured NITF in inlineXML (its own content type, upper-case BODY/TEXT/P)', () => {
    const { items, warnings } = file('ok/tt-inline-ttnitf.xml');
    const html = mainBodyHtml(items[0]!) ?? '';
    assert.match(html, /^<p>Pandemin satte stopp/);
    assert.match(html, /<blockquote>Aurora 2023 kommer/);
    assert.equal((html.match(/<p>/g) ?? []).length, 2);
    assert.ok(!/Försvar ?TT|Karl Melander|>985</.test(html), `no label, picture credit or size in the body: ${html}`);
    assert.deepEqual(warnings, []);
  });

  it('warns `FILE: URI: body unreadable (reason)` when inline markup has text but no readable body', () => {
    const xml = item(
      '<headline>H</headline>',
      '<inlineXML contenttype="application/x-agency+xml"><story><line>Text that is there</line></story></inlineXML>',
    );
    const { items, warnings } = parse(xml, 'AGENCY 0412');
    assert.equal(items[0]!.bodies, undefined);
    assert.deepEqual(warnings, [
      'AGENCY 0412: urn:x:1: body unreadable (inlineXML application/x-agency+xml holds <story>: no paragraphs Lede can read)',
    ]);
    const data = item('<headline>H</headline>', '<inlineData contenttype="application/rtf">{\\rtf1 Text}</inlineData>');
    assert.deepEqual(parse(data, 'f').warnings, [
      'f: urn:x:1: body unreadable (inlineData application/rtf is not a text format Lede reads)',
    ]);
    // Comments only, or nothing: no body and nothing to say (a kill).
    assert.deepEqual(
      parse(item('<headline>H</headline>', '<inlineXML contenttype="application/xhtml+xml"><!-- none --></inlineXML>')).warnings,
      [],
    );
  });

  it('maps agency subtitle roles to sub headlines and teaser roles to the summary', () => {
    const { items } = file('ok/LISTING_22_modified_agency_roles.xml');
    assert.deepEqual(items[0]!.headlines, [
      { role: 'main', value: 'Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05 p.m.' },
      { role: 'sub', value: 'Both clubs come off weekend sweeps' },
    ]);
    assert.deepEqual(
      items[0]!.descriptions?.map((d) => d.role),
      ['summary'],
    );
    assert.match(items[0]!.descriptions?.[0]?.value ?? '', /^A pair of teams coming off big weekend sweeps/);
    for (const role of ['ansahl:subtitle', 'hlrole:sub', 'xyz:abstract']) {
      const {
        items: [one],
      } = parse(item(`<headline role="${role}">Second line</headline><headline>Main line</headline>`));
      assert.deepEqual(
        one!.headlines,
        [
          { role: 'main', value: 'Main line' },
          { role: 'sub', value: 'Second line' },
        ],
        role,
      );
    }
    const {
      items: [abstracted],
    } = parse(item('<headline>M</headline><description role="agencydesc:abstract">The short of it.</description>'));
    assert.deepEqual(abstracted!.descriptions, [{ role: 'summary', value: 'The short of it.' }]);
  });

  it('takes a correction note from a <pre> notice in the body, never from the closing "Schluss" edNote', () => {
    const { items } = file('ok/dpa-digitalwires-correction-notice-in-pre.xml');
    const correction = items[0]!.descriptions?.filter((d) => d.role === 'correction');
    assert.deepEqual(correction, [
      {
        role: 'correction',
        value:
          'Korrektur: In einer früheren Fassung hieß es im vierten Absatz, die Nvidia-Aktie sei um 27 Prozent gefallen. Richtig ist: um knapp 17 Prozent.',
      },
    ]);
    assert.ok(!(mainBodyHtml(items[0]!) ?? '').includes('Korrektur'), 'the notice leaves the body');
    for (const marker of ['Schluss', 'ENDS', '-30-', '-0-', 'Ende']) {
      const xml = `<newsItem guid="urn:x:2" version="2"><itemMeta><signal qcode="sig:correction"/><edNote>${marker}</edNote></itemMeta><contentMeta><headline>H</headline></contentMeta></newsItem>`;
      assert.equal(parse(xml).items[0]!.descriptions, undefined, marker);
    }
  });

  it('knows correction labels in several languages as whole words, and end-of-copy markers as whole notes', async () => {
    const { isEndOfCopy, takeCorrectionNotice } = await import('../corrections.js');
    assert.equal(takeCorrectionNotice('<p>a</p><pre>訂正: 見出しを直しました</pre>').note, '訂正: 見出しを直しました');
    assert.equal(takeCorrectionNotice('<p>Rättelse: Namnet var fel.</p><p>b</p>').html, '<p>b</p>');
    assert.equal(takeCorrectionNotice('<p>Correctional officers went on strike.</p>').note, undefined);
    assert.deepEqual(
      ['Schluss', '-30-', '###', 'ENDS', '(Ende)', 'Ende der Meldung', 'Ende gut, alles gut', 'Correction to follow'].map(isEndOfCopy),
      [true, true, true, true, true, true, false, false],
    );
  });

  it('in NITF, an end-of-copy correction info is no note; a body notice with a correction label is', () => {
    const nitf = `<nitf><head><docdata><doc-id id-string="n1"/><correction info="-30-"/></docdata></head><body><body.content><p>Text of the story.</p><pre>CORRECTION: An earlier version misspelt the mayor's name.</pre></body.content></body></nitf>`;
    const [one] = nitfFormat.parse(Buffer.from(nitf), { filename: 'n.xml' });
    assert.deepEqual(one!.descriptions, [{ role: 'correction', value: "CORRECTION: An earlier version misspelt the mayor's name." }]);
    assert.equal(mainBodyHtml(one!), '<p>Text of the story.</p>');
  });
});
