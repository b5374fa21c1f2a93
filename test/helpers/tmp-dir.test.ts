import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTmpDir } from './tmp-dir.js';

describe('createTmpDir', () => {
  it('makes an empty folder under the system temp dir and removes it with its content when the test ends', async (t) => {
    let dir = '';
    await t.test('a test that writes into it', async (inner) => {
      dir = await createTmpDir(inner);
      assert.ok(dir.startsWith(tmpdir()));
      assert.ok(statSync(dir).isDirectory());
      writeFileSync(join(dir, 'file.txt'), 'x');
    });
    assert.equal(existsSync(dir), false);
  });

  it('gives every call a folder of its own', async (t) => {
    const [a, b] = await Promise.all([createTmpDir(t), createTmpDir(t)]);
    assert.notEqual(a, b);
  });
});
