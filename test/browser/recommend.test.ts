import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';

const sectionOf = (href: string) => href.split('/')[1] ?? '';

async function recommended(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}/`);
  await page.locator('#for-you a[href]').first().waitFor({ state: 'visible', timeout: 10_000 });
  return page.locator('#for-you a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

describe('Recommended for you in Chromium', () => {
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

  it('writes no cookie before consent, then keeps the history after it', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.base}/`);
    const banner = page.locator('[data-consent]');
    await banner.waitFor({ state: 'visible' });
    const article = (await page.locator('.section-block .teasers a[href]').first().getAttribute('href')) ?? '';
    await page.goto(`${t.base}${article}`);
    assert.deepEqual(
      (await context.cookies()).map((c) => c.name),
      [],
    );
    await page.getByRole('button', { name: 'Accept' }).click();
    await banner.waitFor({ state: 'hidden' });
    const names = (await context.cookies()).map((c) => c.name).sort();
    assert.deepEqual(names, ['lede_b', 'lede_consent', 'lede_h']);
    await page.reload();
    assert.ok(await banner.isHidden(), 'the answer is remembered');
    await context.close();
  });

  it('shifts towards a section after reading three of its stories, and never shows them', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.base}/`);
    await page.getByRole('button', { name: 'Accept' }).click();
    const beforeList = await recommended(page, t.base);
    // The section least recommended so far that has at least six stories.
    const candidates: Array<{ section: string; links: string[] }> = [];
    for (const section of ['science', 'culture', 'sport', 'business', 'politics', 'world']) {
      await page.goto(`${t.base}/${section}/`);
      const links = await page.locator('main .teasers a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      if (links.length >= 6) candidates.push({ section, links });
    }
    candidates.sort(
      (a, b) => beforeList.filter((h) => sectionOf(h) === a.section).length - beforeList.filter((h) => sectionOf(h) === b.section).length,
    );
    const target = candidates[0];
    assert.ok(target, 'a section with six stories');
    const read = target.links.slice(0, 3);
    for (const path of read) await page.goto(`${t.base}${path}`);
    const afterList = await recommended(page, t.base);
    const share = (list: string[]) => list.filter((h) => sectionOf(h) === target.section).length;
    assert.ok(share(afterList) > share(beforeList), `${target.section}: ${share(beforeList)} → ${share(afterList)} of ${afterList.length}`);
    assert.ok(share(afterList) >= 2, JSON.stringify(afterList));
    assert.ok(
      afterList.every((h) => !read.includes(h)),
      'nothing already read',
    );
    await context.close();
  });
});
