import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mainBodyHtml, mainHeadline, type Ninjs, textsByRole } from '../../../core/ninjs.js';
import { newsmlG2Format } from './index.js';

// Hand-made newsItems for the rules the real samples do not show.
const item = (body: string, attrs = ''): Ninjs => {
  const xml = `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:1" version="2" xml:lang="en"${attrs}>${body}</newsItem>`;
  const items = newsmlG2Format.parse(Buffer.from(xml), { filename: 'made.xml' });
  assert.equal(items.length, 1);
  return items[0]!;
};
const meta = '<itemMeta><itemClass qcode="ninat:text"/><versionCreated>2024-03-05T09:40:31+01:00</versionCreated></itemMeta>';

describe('newsml-g2 format, hand-made items', () => {
  it('reads a kill with no content as a canceled item without body', () => {
    const kill = item(
      '<itemMeta><itemClass qcode="ninat:text"/><versionCreated>2024-03-05T11:02:00Z</versionCreated><pubStatus qcode="stat:canceled"/></itemMeta>' +
        '<contentMeta><headline>KILL - Harbour bridge reopens</headline></contentMeta>',
    );
    assert.deepEqual(kill, {
      uri: 'urn:test:1',
      version: '2',
      type: 'text',
      pubstatus: 'canceled',
      language: 'en',
      versioncreated: '2024-03-05T11:02:00Z',
      headlines: [{ role: 'main', value: 'KILL - Harbour bridge reopens' }],
    });
  });

  it('accepts pubStatus as a NewsCodes URI and leaves empty time elements out', () => {
    const withheld = item(
      '<itemMeta><pubStatus uri="http://cv.iptc.org/newscodes/pubstatusg2/withheld"/><embargoed/><firstCreated></firstCreated></itemMeta>',
    );
    assert.equal(withheld.pubstatus, 'withheld');
    assert.equal(withheld.embargoed, undefined);
    assert.equal(withheld.firstcreated, undefined);
  });

  it('takes versioncreated from the other times of an item whose versionCreated is empty (STT)', () => {
    const both = item(
      '<itemMeta><versionCreated/><firstCreated>2013-02-16T17:30:00+02:00</firstCreated></itemMeta>' +
        '<contentMeta><contentCreated>2013-02-16T17:36:20Z</contentCreated></contentMeta>',
    );
    assert.equal(both.versioncreated, '2013-02-16T15:30:00Z');
    const content = item(
      '<itemMeta><versionCreated/><firstCreated/></itemMeta><contentMeta><contentCreated>2013-02-16T17:36:20</contentCreated></contentMeta>',
    );
    assert.equal(content.versioncreated, '2013-02-16T17:36:20Z');
    assert.equal(content.firstcreated, undefined);
    const none = item('<itemMeta><versionCreated></versionCreated></itemMeta>');
    assert.equal(none.versioncreated, undefined);
  });

  it('takes versioncreated from the header sent time when an item of a newsMessage has none', () => {
    const ns = 'xmlns="http://iptc.org/std/nar/2006-10-01/"';
    const news = (guid: string, meta: string) => `<newsItem guid="${guid}"><itemMeta>${meta}</itemMeta></newsItem>`;
    const message = (sent: string) =>
      `<newsMessage ${ns}><header><sent>${sent}</sent></header><itemSet>` +
      `${news('urn:a', '<versionCreated/>')}${news('urn:b', '<versionCreated>2024-03-05T09:00:00Z</versionCreated>')}</itemSet></newsMessage>`;
    const [a, b] = newsmlG2Format.parse(Buffer.from(message('2024-03-05T10:15:00.150+01:00')), { filename: 'message.xml' });
    assert.equal(a?.versioncreated, '2024-03-05T09:15:00.150Z');
    assert.equal(b?.versioncreated, '2024-03-05T09:00:00Z');
    const warnings: string[] = [];
    const [bad] = newsmlG2Format.parse(Buffer.from(message('yesterday')), { filename: 'message.xml', warn: (m) => warnings.push(m) });
    assert.equal(bad?.versioncreated, undefined);
    assert.match(warnings.join('\n'), /message\.xml: `header\/sent` "yesterday" is not a date and time/);
  });

  it('gives no body for inlineXML that holds nothing but comments', () => {
    const empty = item(`${meta}<contentSet><inlineXML contenttype="application/xhtml+xml"><!-- moved to v3 --></inlineXML></contentSet>`);
    assert.equal(empty.bodies, undefined);
  });

  it('turns inlineData text/plain into one paragraph per blank-line block, escaping markup characters', () => {
    const text = item(
      `${meta}<contentSet><inlineData contenttype="text/plain">LISBON (Agency) - The bridge
reopened on Tuesday.

Fares stay at 2 &lt; 3 euros &amp; more.

</inlineData></contentSet>`,
    );
    assert.equal(
      mainBodyHtml(text),
      '<p>LISBON (Agency) - The bridge reopened on Tuesday.</p><p>Fares stay at 2 &lt; 3 euros &amp; more.</p>',
    );
  });

  it('reads HTML labelled text/plain as HTML, so no literal <p> reaches readers', () => {
    const text = item(
      `${meta}<contentSet><inlineData contenttype="text/plain">&lt;p&gt;One&lt;/p&gt;&lt;p onclick="x()"&gt;Two &lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</inlineData></contentSet>`,
    );
    assert.equal(mainBodyHtml(text), '<p>One</p><p>Two </p>');
  });

  it('keeps escaped markup inside an XHTML paragraph as text', () => {
    const text = item(
      `${meta}<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>` +
        '<p>The tag &lt;script&gt; is text here.</p><p style="color:red" onclick="x()">Styled <a href="javascript:x()">link</a></p>' +
        '<div>Loose text</div><p>&#160;</p></body></html></inlineXML></contentSet>',
    );
    assert.equal(mainBodyHtml(text), '<p>The tag &lt;script&gt; is text here.</p><p>Styled <a>link</a></p><p>Loose text</p>');
  });

  it('picks rights, headlines and descriptions in the item language, and reads sub-headlines', () => {
    const text = item(
      '<rightsInfo xml:lang="de"><copyrightHolder literal="dpa-de"/><usageTerms>Nur redaktionell</usageTerms></rightsInfo>' +
        '<rightsInfo xml:lang="en"><copyrightHolder><name>dpa</name></copyrightHolder><usageTerms>Editorial use only</usageTerms></rightsInfo>' +
        `${meta}<contentMeta><language tag="en-GB"/><headline xml:lang="de">Brücke</headline><headline xml:lang="en">Bridge</headline>` +
        '<headline role="hld:subHeadline" xml:lang="en">Commuters happy</headline>' +
        '<description role="drol:summary">Reopened.</description><description role="drol:caption" xml:lang="de">Brücke</description>' +
        '<description role="drol:caption" xml:lang="en">Bridge at dawn</description>' +
        '<located qcode="city:Lisbon"><name xml:lang="pt">Lisboa</name><name xml:lang="en">Lisbon</name></located></contentMeta>',
    );
    assert.equal(text.language, 'en-GB');
    assert.equal(text.copyrightholder, 'dpa');
    assert.equal(text.usageterms, 'Editorial use only');
    assert.equal(mainHeadline(text), 'Bridge');
    assert.deepEqual(textsByRole(text.headlines, 'sub'), ['Commuters happy']);
    assert.deepEqual(textsByRole(text.descriptions, 'summary'), ['Reopened.']);
    assert.deepEqual(textsByRole(text.descriptions, 'caption'), ['Bridge at dawn']);
    assert.equal(text.located, 'Lisbon');
  });

  it('takes the correction note from the edNote about the correction', () => {
    const corrected = item(
      '<itemMeta><versionCreated>2024-03-05T10:00:00Z</versionCreated><signal qcode="sig:correction"/>' +
        '<edNote>Moves at 1200 GMT.</edNote><edNote role="ednoterole:correction">Corrects the minister&apos;s name.</edNote></itemMeta>',
    );
    assert.deepEqual(textsByRole(corrected.descriptions, 'correction'), ["Corrects the minister's name."]);
    assert.equal(corrected.ednote, "Moves at 1200 GMT.\n\nCorrects the minister's name.");
  });

  it('reads a description role sent only as a roleuri like its QCode, not as the default role', () => {
    const picture = item(
      '<itemMeta><itemClass qcode="ninat:picture"/></itemMeta><contentMeta>' +
        '<description roleuri="http://cv.iptc.org/newscodes/descriptionrole/summary">Cars cross the bridge.</description>' +
        '<description roleuri="http://cv.iptc.org/newscodes/drol/caption">The bridge at dawn.</description>' +
        '<description roleuri="http://example.com/roles/internal">Not for readers.</description></contentMeta>',
    );
    assert.deepEqual(picture.descriptions, [
      { role: 'summary', value: 'Cars cross the bridge.' },
      { role: 'caption', value: 'The bridge at dawn.' },
    ]);
  });

  it('leaves out a subheadline that repeats the headline', () => {
    const text = item(
      `${meta}<contentMeta><headline>Bridge reopens</headline><headline role="hld:subHeadline">Bridge reopens</headline></contentMeta>`,
    );
    assert.deepEqual(text.headlines, [{ role: 'main', value: 'Bridge reopens' }]);
  });

  it('gives a literal-only subject its literal as name', () => {
    const text = item(
      `${meta}<contentMeta><subject type="cptype:cat" literal="Politics"/><subject literal="x1"><name>Elections</name></subject></contentMeta>`,
    );
    assert.deepEqual(text.subjects, [
      { literal: 'Politics', name: 'Politics' },
      { literal: 'x1', name: 'Elections' },
    ]);
  });

  it('reads a correction signal sent as its NewsCodes URI', () => {
    const corrected = item(
      '<itemMeta><versionCreated>2024-03-05T10:00:00Z</versionCreated><signal uri="http://cv.iptc.org/newscodes/signal/correction"/>' +
        '<edNote>Corrects the date of the vote.</edNote></itemMeta>',
    );
    assert.deepEqual(textsByRole(corrected.descriptions, 'correction'), ['Corrects the date of the vote.']);
  });

  it('renders bare XHTML paragraphs in inlineXML, without an html or body wrapper', () => {
    const bare = item(`${meta}<contentSet><inlineXML contenttype="application/xhtml+xml"><p>One</p><p>Two</p></inlineXML></contentSet>`);
    assert.equal(mainBodyHtml(bare), '<p>One</p><p>Two</p>');
  });

  it('lists a package in groupSet order, with each itemRef type, version and title', () => {
    const xml =
      '<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:pkg:1" version="1"><itemMeta><itemClass qcode="ninat:composite"/></itemMeta>' +
      '<groupSet root="G0"><group id="G1" role="group:photos"><itemRef residref="urn:pic:1" version="3"><itemClass qcode="ninat:picture"/>' +
      '<title>Bridge at dawn</title><description role="drol:caption">Cars cross.</description></itemRef></group>' +
      '<group id="G0" role="group:main"><itemRef residref="urn:text:1"><itemClass qcode="ninat:text"/></itemRef><groupRef idref="G1"/></group></groupSet></packageItem>';
    const [pkg] = newsmlG2Format.parse(Buffer.from(xml), { filename: 'pkg.xml' });
    assert.deepEqual(pkg?.associations, [
      { name: 'G0-1', uri: 'urn:text:1', type: 'text' },
      {
        name: 'G1-1',
        uri: 'urn:pic:1',
        version: '3',
        type: 'picture',
        headlines: [{ role: 'main', value: 'Bridge at dawn' }],
        descriptions: [{ role: 'caption', value: 'Cars cross.' }],
      },
    ]);
  });
});
