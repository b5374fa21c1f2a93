import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Story } from '../../src/core/story.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';

const phone = { width: 390, height: 844 };

const boxOf = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const element = document.querySelector(s);
    if (!element) return undefined;
    const r = element.getBoundingClientRect();
    return { top: r.top + window.scrollY, height: r.height };
  }, selector);

describe('the reader site on a phone and in a right-to-left language', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let stories: Story[];
  const pathOf = async (story: Story) => {
    const page = await (await fetch(`${t.base}/lang/${story.language.split('-')[0]}/`)).text();
    const home = await (await fetch(`${t.base}/`)).text();
    const found = [home, page]
      .map((html) => html.match(new RegExp(`href="(/[^"]+/${encodeURIComponent(story.slug)})"`))?.[1])
      .find(Boolean);
    assert.ok(found, `a page links ${story.slug}`);
    return found;
  };

  before(async () => {
    browser = await requireChromium();
    if (!browser) return;
    t = await startTestApp({ demo: true });
    stories = (await t.store.stories.listPublished({ limit: 100 })).stories;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('fits the header in one row and the breaking strip in one line, with the headline and the hero on the first screen', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const page = await browser.newPage({ viewport: phone });
    const english = stories.filter((s) => s.language === 'en' && s.hero).slice(0, 5);
    assert.ok(english.length >= 3, 'demo stories with a photo');
    for (const story of english) {
      await page.goto(`${t.base}${await pathOf(story)}`);
      const header = await boxOf(page, '.site-header');
      assert.ok(header && header.height < 70, `${story.slug}: header ${header?.height} px high`);
      const breaking = await boxOf(page, '.breaking');
      if (breaking) assert.ok(breaking.height < 50, `${story.slug}: breaking strip ${breaking.height} px high`);
      const titles = await page.locator('.breaking a').evaluateAll((as) => as.map((a) => a.textContent));
      assert.ok(!titles.includes(story.headline), `${story.slug}: the strip does not list the story being read`);
      const h1 = await boxOf(page, 'article h1');
      assert.ok(h1 && h1.top < 400, `${story.slug}: headline at ${h1?.top} px`);
      const hero = await boxOf(page, 'article figure.hero');
      assert.ok(hero && hero.top < phone.height, `${story.slug}: hero at ${hero?.top} px`);
    }
    await page.close();
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`opens the sections menu from the Menu link ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async (ctx) => {
      if (!browser) return ctx.skip(chromiumSkipReason);
      const context = await browser.newContext({ viewport: phone, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${t.base}/`);
      const firstSection = page.locator('.site-nav a').first();
      assert.equal(await firstSection.isVisible(), false, 'the sections wait behind the menu');
      await page.locator('.menu-button').click();
      assert.equal(await firstSection.isVisible(), true, 'the menu shows the sections');
      assert.equal(await page.locator('#site-search').isVisible(), true, 'and the search');
      await firstSection.click();
      await page.waitForURL(/\/[a-z-]+\/$/);
      assert.equal(await page.locator('.site-nav a').first().isVisible(), false, 'closed on the next page');
      await context.close();
    });
  }

  it('shows the sections in the header at desktop width, without a menu link', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${t.base}/`);
    assert.equal(await page.locator('.site-nav a').first().isVisible(), true);
    assert.equal(await page.locator('.menu-button').isVisible(), false);
    await page.close();
  });

  it('marks every passage of an Arabic article that is not Arabic with its own lang and dir', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const arabic = stories.find((s) => s.language.startsWith('ar'));
    assert.ok(arabic, 'an Arabic demo story');
    const page = await browser.newPage({ viewport: phone });
    await page.goto(`${t.base}${await pathOf(arabic)}`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const mismatched = await page.evaluate(() => {
      const rtl = /[\u0590-\u08FF]/;
      const latin = /[A-Za-z]{3,}/;
      // Text blocks inside the article whose script does not match the nearest declared direction.
      return [...document.querySelectorAll('article p, article aside, article figcaption span, article h2')]
        .filter((el) => el.children.length === 0 || el.matches('aside, p'))
        .map((el) => {
          const text = el.textContent ?? '';
          const dir = (el.closest('[dir]') as HTMLElement | null)?.dir;
          const isLatinOnly = latin.test(text) && !rtl.test(text);
          return isLatinOnly && dir === 'rtl' ? text.trim().slice(0, 60) : undefined;
        })
        .filter((x) => x !== undefined);
    });
    assert.deepEqual(mismatched, [], 'no Latin-only passage sits in a right-to-left container');
    const callouts = await page
      .locator('article aside.callout')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('lang'), a.textContent]));
    assert.ok(callouts.length > 0);
    for (const [lang, text] of callouts) assert.ok(lang === null ? /[\u0600-\u06FF]/.test(text ?? '') : lang === 'en', `${lang}: ${text}`);
    await page.close();
  });
});
