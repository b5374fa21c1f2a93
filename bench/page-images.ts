/**
 * Image bytes a reader's browser fetches for a page: Chromium at a phone (390×844) and a
 * desktop (1280×800) viewport opens the page, scrolls to the bottom so lazy pictures load, and
 * sums the bodies of every image answer. Run against servers started beforehand:
 *
 *   node --import tsx bench/page-images.ts http://127.0.0.1:4101/ http://127.0.0.1:4102/
 */
import { chromium } from 'playwright-core';

const viewports = [
  { name: '390', width: 390, height: 844 },
  { name: '1280', width: 1280, height: 800 },
];

const urls = process.argv.slice(2);
if (urls.length === 0) {
  process.stderr.write('usage: bench/page-images.ts URL…\n');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
});
try {
  for (const url of urls) {
    for (const viewport of viewports) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: viewport.width < 600 ? 2 : 1 });
      const page = await context.newPage();
      const images: Array<{ url: string; type: string; bytes: number }> = [];
      page.on('response', async (response) => {
        const type = response.headers()['content-type'] ?? '';
        if (!type.startsWith('image/')) return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        images.push({ url: response.url(), type, bytes: body.byteLength });
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      const firstScreen = images.reduce((sum, i) => sum + i.bytes, 0);
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 400) {
          window.scrollTo(0, y);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
      await page.waitForLoadState('networkidle');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const total = images.reduce((sum, i) => sum + i.bytes, 0);
      const types = [...new Set(images.map((i) => i.type))].join(', ');
      process.stdout.write(
        `${url} @${viewport.name} (DPR ${viewport.width < 600 ? 2 : 1}): first screen ${(firstScreen / 1024).toFixed(0)} KB, after scrolling ${(total / 1024).toFixed(0)} KB in ${images.length} images (${types})\n`,
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
}
