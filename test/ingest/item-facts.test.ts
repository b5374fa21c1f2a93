import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Ninjs } from '../../src/core/ninjs.js';
import type { Story } from '../../src/core/story.js';
import { parseWireFile } from '../../src/ingest/detect.js';
import { listWireFiles } from '../../src/ingest/files.js';
import { createParsePool, type ParsePool } from '../../src/ingest/parse-pool.js';
import { buildStory, contentHashOf, itemFactsOf, rememberItemFacts } from '../../src/ingest/to-story.js';
import { wireItem } from '../helpers/wire.js';

const fixtures = fileURLToPath(new URL('../fixtures/wire/', import.meta.url));
const maxBytes = 20 * 1024 * 1024;

/** Every item of the wire fixtures, parsed on this thread, and a few without headline or body. */
async function fixtureItems(): Promise<Ninjs[]> {
  const files = (await listWireFiles([fixtures])).filter((f) => !f.endsWith('.md'));
  const items: Ninjs[] = [];
  for (const file of files) {
    try {
      items.push(...parseWireFile(readFileSync(file), { filename: file }));
    } catch {
      // a fixture of a bad file
    }
  }
  const body = (value: string) => [{ role: 'main', contenttype: 'text/html', value }];
  items.push(
    wireItem({ headlines: [], bodies: body('<p>Only a body, <b>no</b> headline &amp; no slugline.</p>') }),
    wireItem({ headlines: [], bodies: body('<p> </p><br />') }),
    wireItem({ headlines: [], slugline: 'PORT-STRIKE' }),
    wireItem({ bodies: body('<p>An embed</p><iframe src="https://video.example.com/1"></iframe>') }),
  );
  return items;
}

/** The stories buildStory makes of `item`: new, over a stored story, as a kill of it. */
function storiesOf(item: Ninjs): Story[] {
  const input = { contentHash: contentHashOf(item), sourceId: 'wire', sections: [], authors: [], receivedAt: '2026-01-01T00:00:00Z' };
  const fresh = buildStory({ ...input, item, state: 'published' });
  const stored = { ...fresh, headline: 'Stored headline', fingerprint: '0123456789abcdef' };
  return [
    fresh,
    buildStory({ ...input, item, state: 'published', stored }),
    buildStory({ ...input, item: { ...item, pubstatus: 'canceled' }, state: 'killed', stored }),
  ];
}

describe("an item's facts, computed by the parse worker", () => {
  let pool: ParsePool;
  before(() => {
    pool = createParsePool({ size: 1 });
  });
  after(() => pool.close());

  it('give the same content hash and stories as computing them on the storing thread', async () => {
    const items = await fixtureItems();
    assert.ok(items.length >= 30, `only ${items.length} items`);
    for (const item of items) {
      const twin = structuredClone(item);
      rememberItemFacts(twin, itemFactsOf(structuredClone(item)));
      assert.equal(contentHashOf(twin), contentHashOf(item), item.uri);
      assert.deepEqual(storiesOf(twin), storiesOf(item), item.uri);
    }
  });

  it('come with the items of the pool, which are frozen so that the facts cannot go stale', async () => {
    const item = wireItem();
    const [parsed] = await pool.parse({ bytes: Buffer.from(JSON.stringify(item)) }, { filename: 'one.json' });
    assert.ok(parsed);
    assert.ok(Object.isFrozen(parsed) && Object.isFrozen(parsed.bodies?.[0]));
    assert.throws(() => {
      (parsed as { headlines: unknown }).headlines = [];
    }, TypeError);
    const [here] = parseWireFile(Buffer.from(JSON.stringify(item)), { filename: 'one.json' });
    assert.deepEqual(storiesOf(parsed), storiesOf(here!));
    // The path of a file, as `lede ingest` gives it, too.
    const [fixture] = (await listWireFiles([fixtures])).filter((f) => f.endsWith('.json') && !f.includes('/bad/'));
    const fromPath = await pool.parse({ path: fixture!, maxBytes }, { filename: fixture! });
    assert.ok(fromPath.length > 0 && fromPath.every((i) => Object.isFrozen(i)), fixture);
  });
});
