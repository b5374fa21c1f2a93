import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemClock } from '../../src/core/clock.js';
import { articlePath } from '../../src/core/urls.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seriousViolations } from '../helpers/axe.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';
import { within } from '../helpers/newsroom.js';
import { assertFitsWidth, credentialsOf, type Desk, ensureClientBuilt, maybeScreenshot, openDesk, signIn } from './newsroom-session.js';
import { pictureFile } from './picture-file.js';

const admin = { email: 'ada@example.test', name: 'Ada Admin', password: 'correct horse battery staple' };
const editor = { email: 'eda@example.test', name: 'Eda Editor', password: 'editor password 2026!' };
const writer = { email: 'wes@example.test', name: 'Wes Writer', password: 'writer password 2026!' };

// An admin runs the site from the Site screens, in order; each step checks the reader site.
describe('the newsroom site screens in Chromium', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  const desks: Desk[] = [];
  const desk = async (options?: Parameters<typeof openDesk>[1]) => {
    const opened = await openDesk(browser!, options);
    desks.push(opened);
    return opened;
  };
  const site = async (path: string) => {
    const response = await fetch(`${t.base}${path}`, { redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  };

  before(async () => {
    browser = await requireChromium();
    if (!browser) return;
    await ensureClientBuilt();
    t = await startTestApp({ demo: true });
    const accounts = createAccounts({ store: t.store, clock: systemClock });
    await accounts.addUser({ ...admin, role: 'admin' });
    await accounts.addUser({ ...editor, role: 'editor' });
    await accounts.addUser({ ...writer, role: 'writer' });
  });
  after(async () => {
    for (const opened of desks) await opened.context.close();
    await browser?.close();
    await t?.close();
    for (const opened of desks) assert.deepEqual(opened.refused, [], 'no script, style or request was refused by the CSP');
  });

  it('lets an admin rename the site, with the refused field named, upload a logo, and the site shows both', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await signIn(d, t.base, admin);
    await d.page.getByRole('link', { name: 'Site', exact: true }).click();
    await d.page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Settings' }).click();
    const name = d.page.getByLabel('Site name');
    await name.fill('   ');
    await d.page.getByRole('button', { name: 'Save site' }).click();
    await d.page.locator('#error-name').filter({ hasText: 'must not be empty' }).waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await name.fill('The Valley Courier');
    await d.page.getByLabel('Logo').setInputFiles(await pictureFile());
    await d.page.getByRole('button', { name: 'Remove logo' }).waitFor();
    await d.page.getByRole('button', { name: 'Save site' }).click();
    await d.page.getByRole('status').filter({ hasText: 'Site saved.' }).waitFor();
    await maybeScreenshot(d.page, 'newsroom-site-settings');
    assert.equal(await d.page.locator('#error-name').count(), 0);
    const { logo } = await t.store.settings.get('site');
    assert.ok(logo, 'the uploaded logo is saved with the site');
    await within(2000, 'the home page has the new name and logo', async () => {
      const home = (await site('/')).body;
      return home.includes('<title>The Valley Courier</title>') && home.includes(`<img class="site-logo" src="/media/${logo}"`);
    });
  });

  it('lets an admin replace the call-outs, and an article shows the new one', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = desks[0]!;
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Call-outs' }).click();
    const remove = page.getByRole('button', { name: 'Remove call-out 1' });
    await remove.waitFor();
    while ((await remove.count()) > 0) await remove.click();
    await page.getByRole('button', { name: 'Add a call-out' }).click();
    await page.getByLabel('Text').fill('Hear the Courier on Valley Radio every morning.');
    await page.getByLabel('Link').fill('javascript:alert(1)');
    await page.getByLabel('After paragraph').fill('1');
    await page.getByRole('button', { name: 'Save call-outs' }).click();
    await page.locator('#error-0-href').filter({ hasText: 'must be an http(s)' }).waitFor();
    await page.getByLabel('Link').fill('https://radio.example/valley');
    await page.getByRole('button', { name: 'Save call-outs' }).click();
    await page.getByRole('status').filter({ hasText: 'Call-outs saved.' }).waitFor();
    await maybeScreenshot(page, 'newsroom-callouts');
    const story = (await t.store.stories.listPublished({ limit: 100 })).stories.find(
      (s) => s.language.startsWith('en') && (s.bodyHtml.match(/<p[ >]/g) ?? []).length >= 3,
    );
    assert.ok(story, 'the demo has an English article of three paragraphs');
    await within(2000, 'the article shows the call-out', async () => {
      const article = await site(articlePath(story));
      return article.body.includes('Hear the Courier on Valley Radio every morning.') && !article.body.includes('thedailylede');
    });
  });

  it('lets an admin write an About page that the site shows at /page/about and in its footer', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = desks[0]!;
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Pages' }).click();
    await page.getByLabel('Address: /page/…').fill('about');
    await page.getByRole('button', { name: 'Write page' }).click();
    await page.getByRole('heading', { name: 'New page /page/about' }).waitFor();
    await page.getByLabel('Title').fill('About the Courier');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('The Courier has reported on the valley since 1921.');
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.getByRole('status').filter({ hasText: 'Page saved.' }).waitFor();
    await within(2000, 'the page and its footer link are on the site', async () => {
      const about = await site('/page/about');
      const footer = (await site('/')).body.split('<footer class="site-footer"')[1] ?? '';
      return (
        about.status === 200 &&
        about.body.includes('The Courier has reported on the valley since 1921.') &&
        footer.includes('<a href="/page/about">About the Courier</a>')
      );
    });
  });

  it('lets an admin add a redirect that answers 301', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = desks[0]!;
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Redirects' }).click();
    await page.getByLabel('From (a path on this site)').fill('//evil.example/x');
    await page.getByLabel('To (a path or an http(s) address)').fill('/page/about');
    await page.getByRole('button', { name: 'Add redirect' }).click();
    await page.locator('#error-from').filter({ hasText: 'single /' }).waitFor();
    await page.getByLabel('From (a path on this site)').fill('/about-us/');
    await page.getByRole('button', { name: 'Add redirect' }).click();
    await page.getByRole('cell', { name: '/about-us/', exact: true }).waitFor();
    await within(2000, 'the old address redirects', async () => {
      const old = await site('/about-us/');
      return old.status === 301 && old.location === '/page/about';
    });
  });

  it('lets an admin edit an author’s bio that shows on the author page', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = desks[0]!;
    const [author] = await t.store.authors.list();
    assert.ok(author, 'the demo has authors');
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Authors' }).click();
    await page.getByRole('link', { name: author.name, exact: true }).click();
    await page.getByLabel('Bio').fill('Reports on the valley’s rivers & roads.');
    await page.getByRole('button', { name: 'Add a link' }).click();
    await page.getByLabel('Label').fill('Mastodon');
    await page.getByLabel('Link').fill('https://social.example/@reporter');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await within(2000, 'the author page shows the bio and link', async () => {
      const profile = await site(`/author/${author.slug}`);
      return (
        profile.body.includes('Reports on the valley’s rivers &amp; roads.') &&
        profile.body.includes('href="https://social.example/@reporter"')
      );
    });
  });

  it('lets an admin move a section, and the site’s navigation follows', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = desks[0]!;
    const [first, second] = await t.store.sections.list();
    assert.ok(first && second, 'the demo has sections');
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Sections' }).click();
    await page.getByRole('button', { name: `Move ${second.name} up` }).click();
    await page.getByRole('button', { name: 'Save order and names' }).click();
    await page.getByRole('status').filter({ hasText: 'Sections saved.' }).waitFor();
    await within(2000, 'the navigation lists the moved section first', async () => {
      const nav = (await site('/')).body.split('aria-label="Sections"')[1] ?? '';
      return nav.indexOf(`>${second.name}</a>`) >= 0 && nav.indexOf(`>${second.name}</a>`) < nav.indexOf(`>${first.name}</a>`);
    });
  });

  it('shows the admin the audit log of these changes, with no serious accessibility violation on a phone', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = desks[0]!;
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Audit log' }).click();
    const log = page.locator('table.audit tbody');
    for (const action of ['settings.set', 'page.put', 'redirect.add', 'author.update', 'sections.set'])
      await log.getByRole('cell', { name: action, exact: true }).first().waitFor();
    const row = log.locator('tr', { hasText: 'page.put' }).first();
    assert.match((await row.textContent()) ?? '', /Ada Admin.*page\.put.*slug: about/);
    // axe is injected inline: this desk bypasses the CSP (the others check it); a phone's width.
    const d = await desk({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    await signIn(d, t.base, admin);
    for (const path of ['settings', 'callouts', 'sections', 'pages', 'pages/about', 'redirects', 'authors', 'audit']) {
      await d.page.goto(`${t.base}/newsroom/site/${path}`);
      await d.page.locator('main h1').first().waitFor();
      await d.page.waitForLoadState('networkidle');
      assert.deepEqual(await seriousViolations(d.page), [], path);
      await assertFitsWidth(d.page, path);
    }
  });

  it('shows each role only the site screens it may use, and the server refuses the others', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const w = await desk();
    await signIn(w, t.base, writer);
    assert.equal(await w.page.getByRole('link', { name: 'Site', exact: true }).count(), 0, 'a writer has no Site link');
    const e = await desk();
    await signIn(e, t.base, editor);
    await e.page.getByRole('link', { name: 'Site', exact: true }).click();
    const nav = e.page.getByRole('navigation', { name: 'Site' });
    await nav.getByRole('link', { name: 'Pages' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Audit log' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);
    await e.page.goto(`${t.base}/newsroom/site/audit`);
    await e.page.getByText('Your role (editor) may not change this.').waitFor();
    // The admins' own screens tell an editor so instead of asking the API for their data.
    for (const [path, what] of [
      ['users', 'accounts'],
      ['channels', 'channels'],
      ['sources', 'sources'],
    ]) {
      await e.page.goto(`${t.base}/newsroom/${path}`);
      await e.page.getByText(`Only admins manage ${what}.`).waitFor();
    }
    const { cookie, csrf } = await credentialsOf(e);
    const answer = await fetch(`${t.base}/newsroom/api/v1/settings/site`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Taken over' }),
    });
    assert.equal(answer.status, 403);
    assert.equal((await fetch(`${t.base}/newsroom/api/v1/audit`, { headers: { cookie } })).status, 403);
  });
});
