import assert from 'node:assert/strict';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildNewsroom, defaultOutDir } from '../../scripts/build-newsroom.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = join(root, 'docs', 'screenshots');

/** The built client the server reads (dist/newsroom-app/): built here when `npm run build` was not run. */
export async function ensureClientBuilt(): Promise<void> {
  try {
    await access(join(defaultOutDir, 'manifest.json'));
  } catch {
    await buildNewsroom();
  }
}

export interface Desk {
  context: BrowserContext;
  page: Page;
  /** Messages of Content-Security-Policy refusals seen on this desk's pages. */
  refused: string[];
}

/** A browser context of its own (its own cookies) at a viewport, collecting CSP refusals. */
export async function openDesk(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
): Promise<Desk> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, bypassCSP: options.bypassCSP });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  page.on('pageerror', (error) => refused.push(`page error: ${error.message}`));
  return { context, page, refused };
}

/** Signs in through the login screen and waits for the story list. */
export async function signIn(desk: Desk, base: string, account: { email: string; password: string }): Promise<void> {
  const { page } = desk;
  await page.goto(`${base}/newsroom/`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stories' }).waitFor();
}

/** The session cookie and CSRF token of a signed-in desk, for requests made outside the page. */
export async function credentialsOf(desk: Desk): Promise<{ cookie: string; csrf: string }> {
  const cookies = await desk.context.cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = await desk.page.evaluate(() => sessionStorage.getItem('lede-newsroom-csrf') ?? '');
  assert.ok(cookie, 'the desk has a session cookie');
  assert.ok(csrf, 'the desk kept its CSRF token');
  return { cookie, csrf };
}

/** Saves a screenshot for the README, only when LEDE_UPDATE_SCREENSHOTS=1 (reviewed images are committed). */
export async function maybeScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.LEDE_UPDATE_SCREENSHOTS !== '1') return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** The page does not scroll sideways (the layout fits the viewport). */
export async function assertFitsWidth(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth + 1, `${label}: ${scrollWidth}px wide in a ${innerWidth}px viewport`);
}
