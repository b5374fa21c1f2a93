import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isLedeError } from '../../src/core/errors.js';
import type { Format } from '../../src/ingest/formats/types.js';

/** A real sample with one random edit: cut, deleted span, inserted text or bytes, repeated span. */
function mutated(samples: Buffer[]): fc.Arbitrary<Buffer> {
  return fc
    .record({
      sample: fc.constantFrom(...samples),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.nat({ max: 400 }),
      edit: fc.constantFrom('cut', 'delete', 'insert-text', 'insert-bytes', 'repeat'),
      text: fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '<',
          '>',
          '&',
          '&amp',
          '&#0;',
          '&#x110000;',
          ']]>',
          '<![CDATA[',
          '<!--',
          '"',
          "'",
          '</p>',
          '<p>',
          '<!ENTITY x "y">',
          '\u0000',
        ),
      ),
      bytes: fc.uint8Array({ maxLength: 40 }),
    })
    .map(({ sample, at, length, edit, text, bytes }) => {
      const i = Math.floor(at * sample.length);
      if (edit === 'cut') return sample.subarray(0, i);
      if (edit === 'delete') return Buffer.concat([sample.subarray(0, i), sample.subarray(i + length)]);
      if (edit === 'repeat') return Buffer.concat([sample.subarray(0, i + length), sample.subarray(i)]);
      const insert = edit === 'insert-text' ? Buffer.from(text) : Buffer.from(bytes);
      return Buffer.concat([sample.subarray(0, i), insert, sample.subarray(i)]);
    });
}

/**
 * STYLE.md §6: random bytes and mutated real samples give either items or a LedeError, never
 * another exception, and the whole run stays within a time bound (no input makes it hang).
 */
export function assertParsesOrRefuses(format: Format, samples: Buffer[], options: { runs?: number; maxMs?: number } = {}): void {
  const runs = options.runs ?? 500;
  const started = performance.now();
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
        mutated(samples),
        mutated(samples),
      ),
      (bytes) => {
        try {
          const items = format.parse(bytes, { filename: 'fuzz.xml' });
          assert.ok(Array.isArray(items));
          for (const item of items) assert.equal(typeof item.uri, 'string');
        } catch (error) {
          if (!isLedeError(error)) throw error;
          assert.match(error.message, /^fuzz\.xml: /);
        }
      },
    ),
    { numRuns: runs },
  );
  const elapsed = performance.now() - started;
  assert.ok(elapsed < (options.maxMs ?? 10_000), `${runs} runs took ${Math.round(elapsed)} ms`);
}
