import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createParsedStories, type StoryDataRow } from './stories.js';

const rowOf = (id: string, revision: number, body = 'x'): StoryDataRow => ({
  id,
  revision,
  state: 'published',
  published_at: '2026-01-01T00:00:00.000Z',
  data: JSON.stringify({ id, headline: `${id} r${revision}`, bodyHtml: body }),
});

/** A cache over `stored`, counting the ids it had to read. */
function cacheOver(stored: Map<string, StoryDataRow>, limits?: { maxEntries?: number; maxChars?: number }) {
  const reads: string[] = [];
  const cache = createParsedStories(async (ids) => {
    reads.push(...ids);
    return ids.flatMap((id) => stored.get(id) ?? []);
  }, limits);
  const listed = (...ids: string[]) => ids.map((id) => stored.get(id)!);
  return { cache, reads, listed };
}

describe('stories parsed once per revision', () => {
  it('reads a story only for a revision it has not seen, and not at all after remembering it', async () => {
    const stored = new Map([['a', rowOf('a', 1)]]);
    const { cache, reads, listed } = cacheOver(stored);
    assert.equal((await cache.read(listed('a')))[0]?.headline, 'a r1');
    await cache.read(listed('a'));
    assert.deepEqual(reads, ['a']);
    stored.set('a', rowOf('a', 2));
    cache.remember([stored.get('a')!]);
    assert.equal((await cache.read(listed('a')))[0]?.headline, 'a r2');
    assert.deepEqual(reads, ['a'], 'the remembered revision is not read back');
    stored.set('a', rowOf('a', 3));
    assert.equal((await cache.read(listed('a')))[0]?.headline, 'a r3', 'a revision written elsewhere is read');
  });

  it('forgets everything once the kept JSON passes its bound, so a few huge stories are not held', async () => {
    const big = 'y'.repeat(1000);
    const stored = new Map(['a', 'b', 'c'].map((id) => [id, rowOf(id, 1, big)]));
    const { cache, reads, listed } = cacheOver(stored, { maxChars: 2500 });
    cache.remember(listed('a', 'b'));
    await cache.read(listed('a', 'b'));
    assert.deepEqual(reads, []);
    cache.remember(listed('c'));
    await cache.read(listed('a', 'b', 'c'));
    assert.deepEqual(reads, ['a', 'b'], 'a third 1,000-character story cleared the first two');
    // A new revision of a kept story replaces its size, it does not add to it.
    const again = cacheOver(stored, { maxChars: 2500 });
    for (let revision = 1; revision <= 5; revision++) again.cache.remember([rowOf('a', revision, big)]);
    again.cache.remember(listed('b'));
    stored.set('a', rowOf('a', 5, big));
    await again.cache.read(listed('a', 'b'));
    assert.deepEqual(again.reads, []);
  });
});
