import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { renditionRecipe } from '../../src/core/renditions.js';
import { startTestApp } from '../helpers/app.js';

describe('the renditions backfill', () => {
  it('gives a picture stored before renditions existed its renditions at the first scheduler tick', async (t) => {
    const app = await startTestApp();
    t.after(() => app.close());
    await mkdir(join(app.config.mediaDir, 'ol'), { recursive: true });
    const bytes = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#335577' } })
      .jpeg()
      .toBuffer();
    await writeFile(join(app.config.mediaDir, 'ol/old-picture.jpg'), bytes);
    await app.store.media.upsert({ id: 'old-picture', contentType: 'image/jpeg', width: 800, height: 450, path: 'ol/old-picture.jpg' });
    assert.deepEqual(await app.store.media.listRenditions('old-picture', renditionRecipe), []);

    await app.app.scheduler.tick();
    const made = await app.store.media.listRenditions('old-picture', renditionRecipe);
    assert.deepEqual(
      made.filter((r) => r.format === 'jpeg').map((r) => r.width),
      [320, 480, 640, 800],
    );
    const served = await fetch(`${app.base}/media/old-picture/r1-480.avif`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/avif');
  });
});
