import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprintDistance, fingerprintTextLimit, nearDuplicateDistance, textFingerprint } from './fingerprint.js';

const story =
  'The harbour bridge reopened on Tuesday after a two-year repair that cost the city more than 40 million euros. ' +
  'Commuters who had faced long detours since the spring of last year welcomed the end of the works. ' +
  'The mayor said the bridge would carry more than 80,000 vehicles a day and that the cycle lanes on both sides ' +
  'had been widened. Engineers found corrosion in the main cables during a routine inspection in 2022, forcing ' +
  'the closure. The transport ministry will publish a report on the cost overruns next month.';

describe('textFingerprint', () => {
  it('is stable: the same text always gives the same 16 hex digits', () => {
    const a = textFingerprint(story);
    assert.match(a ?? '', /^[0-9a-f]{16}$/);
    assert.equal(textFingerprint(story), a);
    assert.equal(textFingerprint(story.toUpperCase().replace(/,/g, ' ')), a);
  });

  it('puts a lightly rewritten version of the same story within the near-duplicate distance', () => {
    const rewrite = story.replace('on Tuesday', 'on Tuesday morning').replace('welcomed the end', 'celebrated the end');
    const d = fingerprintDistance(textFingerprint(story)!, textFingerprint(rewrite)!);
    assert.ok(d <= nearDuplicateDistance, `distance ${d}`);
  });

  it('keeps unrelated stories far apart', () => {
    const other =
      'Heavy snow closed three mountain passes in the Alps on Sunday and avalanche warnings were raised to the ' +
      'highest level in parts of Switzerland and Austria, where several ski resorts shut their lifts for the day.';
    const d = fingerprintDistance(textFingerprint(story)!, textFingerprint(other)!);
    assert.ok(d > 16, `distance ${d}`);
  });

  it('ignores accents and case, but not word order', () => {
    assert.equal(textFingerprint('Le café de la gare a fermé ses portes'), textFingerprint('LE CAFE DE LA GARE A FERME SES PORTES'));
    const words = story.split(' ');
    const shuffled = [...words.slice(40), ...words.slice(0, 40)].join(' ');
    assert.notEqual(textFingerprint(shuffled), textFingerprint(story));
    assert.notEqual(textFingerprint('one two three'), textFingerprint('three two one'));
  });

  it('gives no fingerprint for text without words', () => {
    assert.equal(textFingerprint(' — … '), undefined);
  });
});

describe('textFingerprint of a very long text', () => {
  it('counts only the first fingerprintTextLimit characters, ending at a word, and is quick', () => {
    const long = `${story} `.repeat(Math.ceil((fingerprintTextLimit * 2) / (story.length + 1)));
    assert.ok(long.length > fingerprintTextLimit * 2);
    let cut = fingerprintTextLimit;
    while (long[cut] !== ' ') cut--;
    assert.equal(textFingerprint(long), textFingerprint(long.slice(0, cut)));
    // Whatever follows the first part does not count, even a whole other story as long; a text under the limit is taken whole.
    const other = 'Heavy snow closed three mountain passes in the Alps on Sunday and avalanche warnings were raised. ';
    assert.equal(textFingerprint(`${long}${other.repeat(fingerprintTextLimit / 50)}`), textFingerprint(long));
    assert.notEqual(textFingerprint(`${story} and then something else entirely`), textFingerprint(story));
    const huge = `${story} `.repeat(40_000); // about 19 MB
    const started = performance.now();
    assert.equal(textFingerprint(huge), textFingerprint(long));
    assert.ok(performance.now() - started < 1000, 'a 19 MB text is fingerprinted from its beginning only');
  });
});
