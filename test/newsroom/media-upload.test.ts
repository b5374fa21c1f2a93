import assert from 'node:assert/strict';
import { it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { renditionRecipe } from '../../src/core/renditions.js';
import { describeEngines } from '../helpers/postgres.js';
import { startUploadApp, uploadForm } from './media-upload-app.js';

/** A 1800×1200 JPEG shot "on its side" (EXIF orientation 6) with a copyright and GPS position in its EXIF. */
const cameraJpeg = () =>
  sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#6a8caf' } })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><circle cx="300" cy="200" r="150" fill="#ffcc00"/></svg>',
        ),
        left: 200,
        top: 100,
      },
    ])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Copyright: 'Jane Roe' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 0/1' } })
    .toBuffer();

/** A black 8000×7000 greyscale PNG (56 megapixels in 54 KB), made without decoding a pixel. */
function hugePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8000, 0);
  ihdr.writeUInt32BE(7000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(8001 * 7000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

describeEngines('newsroom media upload', { migrated: true }, (engine) => {
  const start = (t: Parameters<typeof startUploadApp>[0]) => startUploadApp(t, { url: engine.url, searchPath: engine.searchPath });

  it('stores an upright picture without metadata and its renditions, and answers 201 with them', async (t) => {
    const app = await start(t);
    const res = await app.upload(
      uploadForm(await cameraJpeg(), { alt: 'A yellow sun over a blue field', caption: 'Sun.', credit: 'Jane Roe', source: 'Staff' }),
    );
    assert.equal(res.status, 201);
    const body = (await res.json()) as {
      id: string;
      width: number;
      height: number;
      url: string;
      alt: string;
      renditions: Array<{ format: string; width: number; height: number; bytes: number; url: string }>;
    };
    assert.deepEqual([body.width, body.height], [1200, 1800], 'turned upright by its EXIF orientation');
    assert.equal(body.alt, 'A yellow sun over a blue field');
    assert.deepEqual([...new Set(body.renditions.map((r) => r.format))].sort(), ['avif', 'jpeg', 'webp']);
    assert.deepEqual(
      body.renditions.filter((r) => r.format === 'webp').map((r) => r.width),
      [320, 480, 640, 960, 1200],
    );
    const stored = await app.store.media.findById(body.id);
    assert.equal(stored?.alt, 'A yellow sun over a blue field');
    assert.equal(stored?.source, 'Staff');
    assert.equal((await app.store.media.listRenditions(body.id, renditionRecipe)).length, body.renditions.length);

    for (const url of [body.url, ...body.renditions.map((r) => r.url)]) {
      const served = await fetch(`${app.url}${url}`);
      assert.equal(served.status, 200, url);
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      assert.equal(meta.exif, undefined, `${url} carries no EXIF (no GPS, no copyright)`);
      assert.equal(meta.xmp, undefined, url);
      assert.ok((meta.orientation ?? 1) === 1, url);
      assert.ok(meta.height! > meta.width!, `${url} is upright`);
    }
    // The original is kept as sent (EXIF and all), apart from what is served.
    const original = await app.storage.read(stored!.originalPath!);
    assert.equal((await sharp(original).metadata()).orientation, 6);
  });

  it('takes PNG, WebP and AVIF as well', async (t) => {
    const app = await start(t);
    const base = sharp({ create: { width: 700, height: 500, channels: 4, background: { r: 10, g: 120, b: 60, alpha: 0.5 } } });
    for (const [name, bytes] of [
      ['a.png', await base.clone().png().toBuffer()],
      ['a.webp', await base.clone().webp().toBuffer()],
      ['a.avif', await base.clone().avif({ effort: 0 }).toBuffer()],
    ] as const) {
      const res = await app.upload(uploadForm(bytes, { alt: 'Green' }, name));
      assert.equal(res.status, 201, `${name}: ${await res.clone().text()}`);
      assert.equal(((await res.json()) as { width: number }).width, 700, name);
    }
  });

  it('refuses an upload without alt text, naming the field', async (t) => {
    const app = await start(t);
    const res = await app.upload(uploadForm(await cameraJpeg(), { caption: 'No alt', alt: '  ' }));
    assert.equal(res.status, 400);
    assert.deepEqual(await errorOf(res), {
      code: 'LEDE_MEDIA_FIELD',
      message: 'alt is required: describe the picture for readers who cannot see it',
      field: 'alt',
    });
  });

  it('answers 415 for what is not a JPEG, PNG, WebP or AVIF picture, whatever its name says', async (t) => {
    const app = await start(t);
    const text = await app.upload(uploadForm(Buffer.from('Just some plain text.'), { alt: 'x' }, 'photo.jpg'));
    assert.equal(text.status, 415);
    const textError = await errorOf(text);
    assert.equal(textError.code, 'LEDE_MEDIA_UNSUPPORTED');
    assert.match(textError.message, /"photo\.jpg" is not a picture/);

    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const gifError = await errorOf(await app.upload(uploadForm(gif, { alt: 'x' }, 'photo.jpg')));
    assert.equal(gifError.code, 'LEDE_MEDIA_UNSUPPORTED');
    assert.match(gifError.message, /is a GIF picture; only JPEG, PNG, WebP and AVIF are taken/);

    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const svgError = await errorOf(await app.upload(uploadForm(svg, { alt: 'x' }, 'logo.png')));
    assert.equal(svgError.code, 'LEDE_MEDIA_UNSUPPORTED');
    assert.match(svgError.message, /"logo\.png" is an SVG drawing; only JPEG, PNG, WebP and AVIF are taken/);

    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a JPEG at all')]);
    const fakeError = await errorOf(await app.upload(uploadForm(fakeJpeg, { alt: 'x' })));
    assert.equal(fakeError.code, 'LEDE_MEDIA_UNSUPPORTED');
    assert.match(fakeError.message, /"photo\.jpg" starts like JPEG but is not a picture sharp can read \(Input buffer has corrupt header/);

    const json = await fetch(`${app.url}/newsroom/api/v1/media`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-role': 'writer' },
      body: '{"alt":"x"}',
    });
    assert.equal(json.status, 415);
    assert.match((await errorOf(json)).message, /send the picture as multipart\/form-data/);
  });

  it('answers 413 for a file over 25 MB and a picture over 50 megapixels, saying which', async (t) => {
    const app = await start(t);
    const big = await app.upload(uploadForm(Buffer.alloc(25 * 1024 * 1024 + 1, 1), { alt: 'x' }));

    assert.equal(big.status, 413);
    const bigError = await errorOf(big);
    assert.equal(bigError.code, 'LEDE_MEDIA_TOO_LARGE');
    assert.match(bigError.message, /over the limit of 26214400 bytes \(25 MB\)/);

    const huge = await app.upload(uploadForm(hugePng(), { alt: 'x' }, 'huge.png'));
    assert.equal(huge.status, 413);
    const hugeError = await errorOf(huge);
    assert.equal(hugeError.code, 'LEDE_MEDIA_TOO_LARGE');
    assert.match(hugeError.message, /"huge\.png" is 8000×7000 pixels \(56\.0 megapixels\), over the limit of 50 megapixels/);
  });

  it('leaves the decision of who may upload to the role check it is given', async (t) => {
    const app = await start(t);
    const res = await app.upload(uploadForm(await cameraJpeg(), { alt: 'x' }), { role: 'reader' });
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'LEDE_HTTP_FORBIDDEN');
  });
});
