import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isLedeError } from '../../../core/errors.js';
import { autop } from './autop.js';
import { wxrFormat } from './index.js';
import { stripShortcodes } from './shortcodes.js';

const sample = readFileSync(new URL('../../../../test/fixtures/wire/wxr/ok/harbour-gazette.xml', import.meta.url)).toString('utf8');
const pieces = [
  '<',
  '&',
  ']]>',
  '[caption]',
  '[/caption]',
  '[[',
  '\n\n',
  '<pre>',
  '<!ENTITY a "b">',
  '0000-00-00 00:00:00',
  'trash',
  'future',
];

function holds(bytes: Buffer) {
  const started = performance.now();
  try {
    const items = wxrFormat.parse(bytes, { filename: 'fuzz.xml' });
    for (const item of items) assert.equal(typeof item.uri, 'string');
  } catch (error) {
    assert.ok(isLedeError(error), `not a LedeError: ${(error as Error)?.stack ?? String(error)}`);
  }
  assert.ok(performance.now() - started < 2000, 'one parse took more than 2 s');
}

describe('wxr format under random input', () => {
  it('random bytes give items or a LedeError, never another exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => holds(Buffer.from(bytes))),
      { numRuns: 300 },
    );
  });

  it('a mutated export gives items or a LedeError within time', () => {
    const edits = fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 5 }))), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(edits, fc.option(fc.nat()), (list, cut) => {
        let text = sample;
        for (const [at, piece] of list) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + piece + text.slice(i + (at % 2));
        }
        holds(Buffer.from(cut === null ? text : text.slice(0, cut % (text.length + 1))));
      }),
      { numRuns: 200 },
    );
  });

  it('autop and shortcode removal finish quickly on any text', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces, '[a]', '[/a]', '<p>', '</p>', ' '), fc.string({ maxLength: 8 })), {
      maxLength: 200,
    });
    fc.assert(
      fc.property(text, (parts) => {
        const started = performance.now();
        assert.equal(typeof autop(stripShortcodes(parts.join(''))), 'string');
        assert.ok(performance.now() - started < 500);
      }),
      { numRuns: 300 },
    );
  });
});
