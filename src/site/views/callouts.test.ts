import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickCallouts } from './callouts.js';

const telegram = { text: 'Join our Telegram channel', href: 'https://t.me/x', afterParagraph: 2, every: 4 };
const facebook = { text: 'Follow us on Facebook', href: 'https://facebook.com/x', afterParagraph: 2, every: 4 };
const arabic = { text: 'انضموا إلى قناتنا على تيليغرام', href: 'https://t.me/x', afterParagraph: 2, language: 'ar' };
const sportOnly = { text: 'Get the match alerts', href: 'https://x.test/alerts', afterParagraph: 3, sections: ['sport'] };
const off = { text: 'Switched off', href: 'https://x.test/', afterParagraph: 1, enabled: false };

const story = (id: string, overrides: { language?: string; section?: string } = {}) => ({
  id,
  language: 'en',
  section: 'world',
  ...overrides,
});
const texts = (list: { text: string }[]) => list.map((c) => c.text);

describe('pickCallouts', () => {
  it('shows each call-out once, in an order chosen by the story id: the same for every reader, shared across stories', () => {
    const all = [telegram, facebook];
    const first = Array.from({ length: 40 }, (_, i) => texts(pickCallouts(story(`s${i}`), all, 'en'))[0]);
    assert.ok(first.includes(telegram.text) && first.includes(facebook.text), 'both call-outs lead some articles');
    assert.deepEqual(pickCallouts(story('s7'), all, 'en'), pickCallouts(story('s7'), all, 'en'));
    for (const id of ['a', 'b', 'c']) assert.equal(new Set(texts(pickCallouts(story(id), [telegram, telegram, facebook], 'en'))).size, 2);
  });

  it("uses the article's language when a call-out is in it, else the site's marked as such", () => {
    const all = [telegram, arabic, sportOnly, off];
    assert.deepEqual(texts(pickCallouts(story('x', { language: 'ar' }), all, 'en')), [arabic.text]);
    const inFrench = pickCallouts(story('x', { language: 'fr' }), all, 'en');
    assert.deepEqual(
      inFrench.map((c) => [c.text, c.language]),
      [[telegram.text, 'en']],
    );
  });

  it('keeps section call-outs to their sections and switched-off ones off', () => {
    assert.deepEqual(texts(pickCallouts(story('x', { section: 'world' }), [sportOnly, off], 'en')), []);
    assert.deepEqual(texts(pickCallouts(story('x', { section: 'sport' }), [sportOnly, off], 'en')), [sportOnly.text]);
  });
});
