import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLedeError } from '../core/errors.js';
import { cleanItems, scrubText } from './clean-items.js';

describe('cleanItems', () => {
  it('drops C0 controls but tab, LF and CR, and replaces lone surrogates, keeping pairs', () => {
    assert.equal(scrubText('a\u0000b\u0001\u001f\tc\nd\re'), 'ab\tc\nd\re');
    assert.equal(scrubText('x\ud800y\udc00z'), 'x\ufffdy\ufffdz');
    assert.equal(scrubText('emoji \ud83d\ude00 stays'), 'emoji \ud83d\ude00 stays');
    assert.equal(scrubText('trailing high \ud83d'), 'trailing high \ufffd');
  });

  it('cleans every string of an item and warns once, naming the file, the uri and the fields', () => {
    const warnings: string[] = [];
    const [item] = cleanItems([{ uri: 'urn:a', pubstatus: 'usable', headlines: [{ value: 'H\u0000' }], keywords: ['ok', 'k\ud800'] }], {
      filename: 'f.json',
      warn: (m) => warnings.push(m),
    });
    assert.deepEqual(item, { uri: 'urn:a', pubstatus: 'usable', headlines: [{ value: 'H' }], keywords: ['ok', 'k\ufffd'] });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^f\.json: urn:a: .*headlines\[0\]\.value, keywords\[1\]$/);
  });

  it('refuses an item whose uri, or a picture uri, holds such a character', () => {
    for (const item of [
      { uri: 'urn:\u0000', pubstatus: 'usable' as const },
      { uri: 'urn:ok', pubstatus: 'usable' as const, associations: [{ name: 'featuremedia', uri: 'urn:\udfff' }] },
    ]) {
      assert.throws(
        () => cleanItems([item], { filename: 'f.json' }),
        (e) => isLedeError(e, 'LEDE_INGEST_FIELD') && /^f\.json: item 1: a `uri`/.test(e.message),
      );
    }
  });
});
