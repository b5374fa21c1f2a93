import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mainBodyHtml, mainHeadline, textsByRole } from '../../../core/ninjs.js';
import { ninjsFormat } from './index.js';

// The IPTC ninjs guideline examples (iptc/newsinjson documentation/includes/examples, MIT, see NOTICE.md).
const folder = new URL('../../../../test/fixtures/wire/ninjs/ok/', import.meta.url);
const parse = (name: string) => ninjsFormat.parse(readFileSync(new URL(name, folder)), { filename: name });
const parseJson = (value: unknown) => ninjsFormat.parse(Buffer.from(JSON.stringify(value)), { filename: 'inline.json' });

describe('ninjs format, 1.5+ pattern properties and HTML texts', () => {
  it('reads the headline_main and the HTML body_richtext of a ninjs 1.6 text', () => {
    const [item] = parse('ninjs-1.6_004_simple_text_article.json');
    assert.equal(mainHeadline(item!), 'Captain of wrecked cruise ship on trial in Italy');
    assert.match(mainBodyHtml(item!) ?? '', /^<p>GROSSETO, Italy \(AP\) -- The trial/);
    assert.equal((mainBodyHtml(item!)?.match(/<p>/g) ?? []).length > 1, true);
  });

  it('reads a ninjs 1.6 picture description as one plain-text caption', () => {
    const [picture] = parse('ninjs-1.6_006_photo_only.json');
    assert.equal(mainHeadline(picture!), 'Costa Concordia cruise ship');
    assert.equal(picture?.descriptions?.length, 1);
    assert.match(textsByRole(picture?.descriptions, 'caption')[0] ?? '', /^The Costa Concordia cruise ship lies on its side/);
  });

  it('removes the markup of a ninjs 2.x HTML description, and keeps a text sent both ways once', () => {
    const [picture] = parse('ninjs-2.2_006_photo_only.json');
    assert.equal(picture?.descriptions?.length, 1);
    assert.equal(picture?.descriptions?.[0]?.role, 'text');
    assert.doesNotMatch(picture?.descriptions?.[0]?.value ?? '', /</);
  });

  it('paragraphs a plain body_* and strips an HTML headline', () => {
    const [item] = parseJson({
      uri: 'u1',
      headlines: [{ role: 'main', contenttype: 'text/html', value: '<b>Bridge</b> reopens' }],
      body_main: 'One.\n\nTwo.',
      description_summary: 'Short.',
    });
    assert.equal(mainHeadline(item!), 'Bridge reopens');
    assert.equal(mainBodyHtml(item!), '<p>One.</p><p>Two.</p>');
    assert.deepEqual(item?.descriptions, [{ role: 'summary', value: 'Short.' }]);
  });
});
