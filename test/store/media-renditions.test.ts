import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { renditionRecipe } from '../../src/core/renditions.js';
import { createMediaRenditions } from '../../src/store/media-renditions.js';
import { createLocalMediaStorage } from '../../src/store/media-storage.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines, type TestEngine } from '../helpers/postgres.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

async function open(engine: TestEngine, t: { after: (fn: () => Promise<void>) => void }): Promise<Store> {
  const store = await openStore({ url: engine.url, searchPath: engine.searchPath });
  t.after(() => store.close());
  await store.migrate();
  return store;
}

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer();

describeEngines('media renditions', { migrated: true }, (engine) => {
  it('makes AVIF, WebP and JPEG at every width once, and records them', async (t) => {
    const store = await open(engine, t);
    const storage = createLocalMediaStorage({ dir: await createTmpDir(t) });
    const renditions = createMediaRenditions({ media: store.media, storage });
    const bytes = await photo(1000, 500);
    await storage.put('ab/abc.jpg', bytes);
    const media = { id: 'abc', contentType: 'image/jpeg', width: 1000, height: 500, path: 'ab/abc.jpg' };
    await store.media.upsert(media);
    assert.deepEqual(
      (await store.media.listWithoutRenditions({ recipe: renditionRecipe, limit: 10 })).map((m) => m.id),
      ['abc'],
    );

    const made = await renditions.ensure(media);
    assert.equal(made.length, 5 * 3);
    const recorded = await store.media.listRenditions('abc', renditionRecipe);
    assert.deepEqual(
      recorded.filter((r) => r.format === 'webp').map((r) => [r.width, r.height]),
      [
        [320, 160],
        [480, 240],
        [640, 320],
        [960, 480],
        [1000, 500],
      ],
    );
    const avif = await storage.read('renditions/ab/abc/r1-320.avif');
    assert.equal((await sharp(avif).metadata()).format, 'heif');
    assert.equal(recorded.find((r) => r.format === 'avif' && r.width === 320)?.bytes, avif?.byteLength);
    assert.deepEqual(await store.media.listWithoutRenditions({ recipe: renditionRecipe, limit: 10 }), []);
    assert.equal((await store.media.listWithoutRenditions({ recipe: 'r0', limit: 10 })).length, 1, 'an older recipe is no cover');
  });

  it('backfills every picture without renditions, passing over one whose file is gone and killed ones', async (t) => {
    const store = await open(engine, t);
    const storage = createLocalMediaStorage({ dir: await createTmpDir(t) });
    const renditions = createMediaRenditions({ media: store.media, storage });
    const bytes = await photo(400, 300);
    for (const id of ['m1', 'm2', 'm3', 'm4']) {
      await storage.put(`${id}.jpg`, bytes);
      await store.media.upsert({ id, contentType: 'image/jpeg', width: 400, height: 300, path: `${id}.jpg` });
    }
    await store.media.upsert({ id: 'm0', contentType: 'image/jpeg', width: 400, height: 300, path: 'missing.jpg' });
    await store.media.markKilled('m4', '2026-01-01T00:00:00Z');
    const result = await renditions.backfill({ batch: 2 });
    assert.equal(result.made, 3);
    assert.deepEqual(
      result.failed.map((f) => f.mediaId),
      ['m0'],
    );
    assert.equal((await store.media.listRenditions('m3', renditionRecipe)).length, 2 * 3);
    assert.deepEqual(await store.media.listRenditions('m4', renditionRecipe), []);
  });
});
