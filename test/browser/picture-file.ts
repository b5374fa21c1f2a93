import sharp from 'sharp';

/** A real 1200×800 JPEG, as a camera would give an editor (for the hero upload). */
export async function pictureFile(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 90, b: 140 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { name: 'ferry.jpg', mimeType: 'image/jpeg', buffer };
}
