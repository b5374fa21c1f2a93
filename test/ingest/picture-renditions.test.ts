import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renditionRecipe } from '../../src/core/renditions.js';
import { generateDemoPicture } from '../../src/ingest/demo/images.js';
import { createMediaLibrary } from '../../src/ingest/media.js';
import { createMediaRenditions } from '../../src/store/media-renditions.js';
import { createLocalMediaStorage } from '../../src/store/media-storage.js';
import { openStore } from '../../src/store/open.js';
import { createTmpDir } from '../helpers/tmp-dir.js';

describe('agency picture import', () => {
  it('makes the renditions once, when the picture is imported', async (t) => {
    const dir = await createTmpDir(t);
    const store = await openStore({ url: `sqlite:${join(dir, 'lede.db')}` });
    t.after(() => store.close());
    await store.migrate();
    const mediaDir = join(dir, 'media');
    const storage = createLocalMediaStorage({ dir: mediaDir });
    let drawn = 0;
    const library = createMediaLibrary({
      media: store.media,
      mediaDir,
      renditions: createMediaRenditions({ media: store.media, storage }),
      generators: {
        pic: (href) => {
          drawn++;
          return generateDemoPicture(href, 1200, 675);
        },
      },
    });
    const media = await library.importPicture({ href: 'pic:harbour', uri: 'urn:pic:harbour' });
    const renditions = await store.media.listRenditions(media.id, renditionRecipe);
    assert.deepEqual(
      renditions.filter((r) => r.format === 'avif').map((r) => r.width),
      [320, 480, 640, 960, 1200],
    );
    assert.ok(await storage.read(`renditions/${media.id.slice(0, 2)}/${media.id}/r1-1200.avif`));
    await library.importPicture({ href: 'pic:harbour', uri: 'urn:pic:harbour', caption: 'Again' });
    assert.equal(drawn, 1, 'a picture seen before is neither fetched nor rendered again');
  });
});
