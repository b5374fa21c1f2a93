import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { renditionRecipe } from '../../src/core/renditions.js';
import { generateDemoPicture } from '../../src/ingest/demo/images.js';
import { imageSizes } from '../../src/site/views/teaser.js';
import { type SiteTestApp, startSite, wireStory } from './site-app.js';

const articlePath = '/world/2026/01/10/talks-on-the-sarin-river-resume';

/** A real 1600×900 picture stored as the agency import stores it, without renditions yet. */
async function storePhoto(site: SiteTestApp, id: string): Promise<void> {
  await writeFile(join(site.mediaDir, `${id}.jpg`), await generateDemoPicture(`lede-demo-image:${id}`));
  await site.store.media.upsert({ id, contentType: 'image/jpeg', width: 1600, height: 900, path: `${id}.jpg` });
}

const hero = (mediaId: string) => ({ mediaId, width: 1600, height: 900, caption: 'Delegates arrive in Geneva.' });

/** The `srcset` candidates of each `<source>`/`<img>` of a `<picture>`, by type. */
function srcsets(pictureHtml: string): Map<string, Array<{ url: string; width: number }>> {
  const found = new Map<string, Array<{ url: string; width: number }>>();
  for (const tag of pictureHtml.match(/<(?:source|img)\b[^>]*>/g) ?? []) {
    const type = /type="([^"]+)"/.exec(tag)?.[1] ?? 'img';
    const srcset = /srcset="([^"]+)"/.exec(tag)?.[1] ?? '';
    found.set(
      type,
      srcset.split(', ').map((candidate) => {
        const [url, w] = candidate.split(' ');
        return { url: url!, width: Number(w!.slice(0, -1)) };
      }),
    );
  }
  return found;
}

const firstPicture = (page: string) => /<picture>[\s\S]*?<\/picture>/.exec(page)?.[0] ?? '';

describe('responsive pictures', () => {
  it('offers the hero in AVIF, WebP and JPEG at every width, eagerly, with the hero sizes', async (t) => {
    const site = await startSite(t);
    await storePhoto(site, 'photo-r');
    await site.save(wireStory({ id: 'a1', hero: hero('photo-r') }));
    const page = await (await site.get(articlePath)).text();
    const figure = firstPicture(page.slice(page.indexOf('<figure class="hero">')));
    const sets = srcsets(figure);
    assert.deepEqual([...sets.keys()], ['image/avif', 'image/webp', 'img']);
    for (const [type, candidates] of sets) {
      assert.deepEqual(
        candidates.map((c) => c.width),
        [320, 480, 640, 960, 1280, 1600],
        type,
      );
    }
    assert.equal(figure.match(/ sizes="([^"]+)"/g)?.length, 3);
    assert.ok(figure.includes(` sizes="${imageSizes.hero}"`));
    const img = /<img\b[^>]*>/.exec(figure)?.[0] ?? '';
    assert.match(img, / loading="eager" fetchpriority="high"/);
    assert.doesNotMatch(img, /loading="lazy"/);
  });

  it('serves every rendition with its type and immutable caching, the smallest at most 60% of the largest', async (t) => {
    const site = await startSite(t);
    await storePhoto(site, 'photo-r');
    await site.save(wireStory({ id: 'a1', hero: hero('photo-r') }));
    const sets = srcsets(firstPicture((await (await site.get(articlePath)).text()).split('<figure class="hero">')[1] ?? ''));
    const types: Record<string, string> = { 'image/avif': 'heif', 'image/webp': 'webp', img: 'jpeg' };
    for (const [type, candidates] of sets) {
      const sizes: number[] = [];
      for (const { url, width } of candidates) {
        const res = await site.get(url);
        assert.equal(res.status, 200, url);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', url);
        assert.equal(res.headers.get('content-type'), type === 'img' ? 'image/jpeg' : type, url);
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.equal(Number(res.headers.get('content-length')), bytes.byteLength);
        const meta = await sharp(bytes).metadata();
        assert.equal(meta.format, types[type], url);
        assert.equal(meta.width, width, url);
        sizes.push(bytes.byteLength);
      }
      assert.ok(sizes[0]! <= 0.6 * sizes[sizes.length - 1]!, `${type}: ${sizes.join(', ')}`);
    }
    // Made once, at the first request, and recorded.
    assert.equal((await site.store.media.listRenditions('photo-r', renditionRecipe)).length, 18);
  });

  it('answers 404 for widths, recipes and formats it does not make', async (t) => {
    const site = await startSite(t);
    await storePhoto(site, 'photo-r');
    for (const path of [
      '/media/photo-r/r1-333.jpg',
      '/media/photo-r/r1-3200.jpg',
      '/media/photo-r/r0-320.jpg',
      '/media/photo-r/r1-320.png',
    ]) {
      assert.equal((await site.get(path)).status, 404, path);
    }
    assert.equal((await site.get('/media/nothing/r1-320.jpg')).status, 404);
  });

  it('stops serving every rendition of a killed picture', async (t) => {
    const site = await startSite(t);
    await storePhoto(site, 'photo-r');
    assert.equal((await site.get('/media/photo-r/r1-640.webp')).status, 200);
    await site.store.media.markKilled('photo-r', '2026-01-10T12:30:00.000Z');
    for (const path of ['/media/photo-r/r1-640.webp', '/media/photo-r/r1-320.avif', '/media/photo-r']) {
      const res = await site.get(path);
      assert.equal(res.status, 410, path);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  });

  it('loads the home lead eagerly and every other picture lazily, without priority', async (t) => {
    const site = await startSite(t);
    for (const id of ['p1', 'p2', 'p3']) await storePhoto(site, id);
    await site.save(
      wireStory({ id: 's1', slug: 'one', hero: hero('p1'), publishedAt: '2026-01-10T11:50:00.000Z' }),
      wireStory({ id: 's2', slug: 'two', hero: hero('p2'), publishedAt: '2026-01-10T10:00:00.000Z' }),
      wireStory({ id: 's3', slug: 'three', hero: hero('p3'), publishedAt: '2026-01-10T09:00:00.000Z' }),
    );
    const page = await (await site.get('/')).text();
    const imgs = page.match(/<img\b[^>]*>/g) ?? [];
    assert.ok(imgs.length >= 2, `${imgs.length} pictures`);
    assert.match(imgs[0]!, /src="\/media\/p1\/r1-640\.jpg"[^>]* loading="eager" fetchpriority="high"/);
    assert.ok(page.includes(` sizes="${imageSizes.lead}"`));
    for (const img of imgs.slice(1)) {
      assert.match(img, / loading="lazy"/, img);
      assert.doesNotMatch(img, /fetchpriority/, img);
    }
    const teasers = page.slice(page.indexOf('class="block section-block'));
    assert.ok(teasers.includes(` sizes="${imageSizes.sectionBlock}"`));
    assert.ok([...srcsets(firstPicture(teasers)).values()].every((c) => c.length >= 2));
  });
});

describe('share picture of an article without a photo', () => {
  it('falls back to the site card in og:image and JSON-LD, served as a 1200×630 JPEG', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ id: 'a1', hero: undefined }));
    const page = await (await site.get(articlePath)).text();
    assert.doesNotMatch(page, /<picture>/);
    const ogImage = /<meta property="og:image" content="([^"]+)">/.exec(page)?.[1];
    assert.match(ogImage ?? '', /^https:\/\/news\.example\/assets\/card\.[0-9a-f]{12}\.jpg$/);
    assert.match(page, /<meta property="og:image:width" content="1200">\n<meta property="og:image:height" content="630">/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '{}');
    assert.deepEqual(jsonLd.image, [{ '@type': 'ImageObject', url: ogImage, width: 1200, height: 630 }]);

    const res = await site.get(new URL(ogImage!).pathname);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1200, 630]);
    assert.equal((await site.get('/assets/card.000000000000.jpg')).status, 404, "another name's card");
  });
});
