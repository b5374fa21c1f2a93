import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLocalMediaStorage } from '../../src/store/media-storage.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

describe('createLocalMediaStorage', () => {
  it('stores, reads, opens and removes a file by key', async (t) => {
    const dir = await createTmpDir(t);
    const storage = createLocalMediaStorage({ dir: join(dir, 'media') });
    await storage.put('renditions/ab/abc/r1-320.webp', Buffer.from('bytes'));
    assert.equal((await storage.read('renditions/ab/abc/r1-320.webp'))?.toString(), 'bytes');
    const file = await storage.open('renditions/ab/abc/r1-320.webp');
    assert.equal(file?.size, 5);
    file?.stream.destroy();
    assert.deepEqual(await readdir(join(dir, 'media/renditions/ab/abc')), ['r1-320.webp'], 'no temporary file is left');
    await storage.remove('renditions/ab/abc/r1-320.webp');
    assert.equal(await storage.read('renditions/ab/abc/r1-320.webp'), undefined);
    assert.equal(await storage.open('nothing.jpg'), undefined);
  });

  it('refuses keys that would leave its folder', async (t) => {
    const dir = await createTmpDir(t);
    const storage = createLocalMediaStorage({ dir: join(dir, 'media') });
    for (const key of ['../lede.db', '/etc/passwd', '', 'a/../../b', 'a//b', './a']) {
      assert.equal(await storage.read(key), undefined, key);
      assert.equal(await storage.open(key), undefined, key);
      await assert.rejects(storage.put(key, Buffer.from('x')), /not a plain relative path/, key);
    }
  });
});
