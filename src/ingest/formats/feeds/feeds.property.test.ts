import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isLedeError } from '../../../core/errors.js';
import { escapeXml } from '../../../core/escape.js';
import type { Format } from '../types.js';
import { atomFormat, rssFormat } from './index.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../test/fixtures/wire/feeds/${path}`, import.meta.url));
const samples = ['ok/partner-mrss.rss', 'ok/partner-xhtml.atom', 'ok/rdf-1.0.rss', 'ok/single-entry.atom', 'ok/uolNoticias.rss'].map(
  fixture,
);
// Small pieces that break XML in the ways real files do, spliced into real samples.
const splinters = ['<', '&', ']]>', '<![CDATA[', '<!ENTITY x "y">', '<item>', '</entry>', '&#0;', '\u00e9', '\uFEFF', '"', '<!DOCTYPE x>'];

/** A real sample with a few bytes changed, spliced or cut. */
const mutatedSample = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...splinters), fc.string({ maxLength: 4 }))), { minLength: 1, maxLength: 4 }),
    fc.option(fc.nat()),
  )
  .map(([sample, edits, cut]) => {
    let text = sample.toString('latin1');
    for (const [at, piece] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i + (at % 3));
    }
    return Buffer.from(cut === null ? text : text.slice(0, cut % (text.length + 1)), 'latin1');
  });

/** A real sample that stays well-formed, with random text in some elements: dates, urls, html. */
const retextedSample = fc
  .tuple(
    fc.constantFrom(...samples.filter((s) => s.toString('utf8').startsWith('<?xml'))),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Mon, 99 Foo 2024', '<p>x', '2024-13-45', ''))), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([sample, edits]) => {
    const text = sample.toString('utf8');
    const slots = [...text.matchAll(/>([^<]+)</g)];
    let out = text;
    for (const [at, value] of edits.reverse()) {
      const slot = slots[at % slots.length];
      if (!slot || slot.index === undefined) continue;
      const start = slot.index + 1;
      if (out.slice(start, start + (slot[1]?.length ?? 0)) === slot[1])
        out = out.slice(0, start) + escapeXml(value) + out.slice(start + (slot[1]?.length ?? 0));
    }
    return Buffer.from(out, 'utf8');
  });

function holds(format: Format, bytes: Buffer) {
  const started = performance.now();
  try {
    const items = format.parse(bytes, { filename: 'fuzz.xml' });
    assert.ok(Array.isArray(items));
    for (const item of items) assert.equal(typeof item.uri, 'string');
  } catch (error) {
    assert.ok(isLedeError(error), `not a LedeError: ${(error as Error)?.stack ?? String(error)}`);
  }
  assert.ok(performance.now() - started < 2000, 'one parse took more than 2 s');
}

describe('rss and atom formats under random input', () => {
  for (const format of [rssFormat, atomFormat]) {
    it(`${format.name}: random bytes give items or a LedeError, never another exception`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => holds(format, Buffer.from(bytes))),
        { numRuns: 300 },
      );
    });

    it(`${format.name}: mutated real samples give items or a LedeError within time`, () => {
      fc.assert(
        fc.property(mutatedSample, (bytes) => holds(format, bytes)),
        { numRuns: 200 },
      );
    });

    it(`${format.name}: well-formed samples with random text give items or a LedeError`, () => {
      fc.assert(
        fc.property(retextedSample, (bytes) => holds(format, bytes)),
        { numRuns: 200 },
      );
    });
  }

  it('a long run of spaces and breaks in a body does not make a parse slow', () => {
    const body = `${'&lt;br&gt; &amp;nbsp; '.repeat(5000)}x`;
    const rss = `<rss version="2.0"><channel><title>t</title><item><guid>g</guid><description>${body}</description></item></channel></rss>`;
    holds(rssFormat, Buffer.from(rss));
  });
});
