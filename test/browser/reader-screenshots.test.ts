import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';
import { assertFitsWidth, maybeScreenshot } from './newsroom-session.js';

/**
 * The reader site as the README shows it: the demo's home page and its lead article on a phone
 * and at desktop width. `LEDE_UPDATE_SCREENSHOTS=1` rewrites docs/screenshots/reader-*.png.
 */
const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 1000 },
} as const;

describe('the reader site for the README screenshots', () => {
  let t: TestApp;
  let browser: Browser | undefined;

  before(async () => {
    browser = await requireChromium();
    if (!browser) return;
    t = await startTestApp({ demo: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const [name, viewport] of Object.entries(viewports)) {
    it(`shows the home page and its lead article whole at ${viewport.width} px (${name})`, async (ctx) => {
      if (!browser) return ctx.skip(chromiumSkipReason);
      const page = await browser.newPage({ viewport });
      await page.goto(`${t.base}/`, { waitUntil: 'networkidle' });
      await page.evaluate(() => document.fonts.ready);
      await assertFitsWidth(page, `home at ${viewport.width} px`);
      // The reader's answer to the privacy question closes the banner for the pages that follow.
      await page.getByRole('button', { name: 'Decline' }).click();
      assert.equal(await page.getByRole('button', { name: 'Decline' }).isVisible(), false, 'the banner is gone once answered');
      const lead = page.locator('.lead-story h2 a, .lead-story h3 a').first();
      const headline = (await lead.textContent())?.trim();
      assert.ok(headline, 'the home page has a lead story');
      const images = await page
        .locator('img')
        .evaluateAll((all) =>
          all.filter((img) => img.getBoundingClientRect().top < window.innerHeight).map((img) => (img as HTMLImageElement).naturalWidth),
        );
      assert.ok(images.length > 0 && images.every((width) => width > 0), 'the pictures on the first screen have loaded');
      await maybeScreenshot(page, `reader-home-${name}`);

      await lead.click();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      assert.equal((await page.locator('article h1').textContent())?.trim(), headline);
      await assertFitsWidth(page, `article at ${viewport.width} px`);
      const hero = await page.locator('article figure.hero img').evaluate((img) => ({
        top: img.getBoundingClientRect().top,
        width: (img as HTMLImageElement).naturalWidth,
      }));
      assert.ok(hero.width > 0 && hero.top < viewport.height, `the hero is on the first screen (${hero.top} px)`);
      await maybeScreenshot(page, `reader-article-${name}`);
      await page.close();
    });
  }
});
