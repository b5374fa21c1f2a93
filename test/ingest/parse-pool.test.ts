import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLedeError } from '../../src/core/errors.js';
import { createParsePool } from '../../src/ingest/parse-pool.js';
import { wireItem } from '../helpers/wire.js';

describe('parse pool memory bound', () => {
  it('fails only the file that needs more memory than the bound (LEDE_INGEST_TOO_LARGE); the files queued behind it parse', async (t) => {
    const pool = createParsePool({ size: 1, maxMemoryMb: 192 });
    t.after(() => pool.close());
    // 8 MB of empty paragraphs: millions of parsed nodes, well past 192 MB of heap.
    const nitf = `<?xml version="1.0"?><nitf><head><title>x</title></head><body><body.content>${'<p/>'.repeat(2_000_000)}</body.content></body></nitf>`;
    const small = (n: number) => ({ bytes: Buffer.from(JSON.stringify(wireItem({ uri: `urn:pool:${n}` }))) });
    const outcomes = await Promise.allSettled([
      pool.parse(small(0), { filename: 'zero.json' }),
      pool.parse({ bytes: Buffer.from(nitf) }, { filename: 'huge.xml' }),
      pool.parse(small(1), { filename: 'one.json' }),
      pool.parse(small(2), { filename: 'two.json' }),
    ]);
    const [zero, huge, one, two] = outcomes;
    assert.equal(huge?.status, 'rejected');
    const error = (huge as PromiseRejectedResult).reason;
    assert.ok(isLedeError(error, 'LEDE_INGEST_TOO_LARGE'), String(error));
    assert.match(error.message, /^huge\.xml: parsing it needs more than the 192 MB of memory/);
    assert.deepEqual(
      [zero, one, two].map((o) => (o?.status === 'fulfilled' ? o.value[0]?.uri : String((o as PromiseRejectedResult).reason))),
      ['urn:pool:0', 'urn:pool:1', 'urn:pool:2'],
    );
  });
});
