import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemClock } from '../../src/core/clock.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import { totpCode } from '../../src/newsroom/auth/totp.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seriousViolations } from '../helpers/axe.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';
import { wireItem } from '../helpers/wire.js';
import { assertFitsWidth, credentialsOf, type Desk, ensureClientBuilt, maybeScreenshot, openDesk, signIn } from './newsroom-session.js';
import { pictureFile } from './picture-file.js';

const admin = { email: 'ada@example.test', name: 'Ada Admin', password: 'correct horse battery staple' };
const writer = { email: 'wes@example.test', name: 'Wes Writer', password: 'writer password 2026!' };
const editor = { email: 'eda@example.test', name: 'Eda Editor', password: 'editor password 2026!' };
const headline = 'Harbour ferries run late after the storm';

// One newsroom, driven in order as a day on the desk goes: accounts, a writer's draft, an
// editor's publication, a wire item published then killed. Each step uses what the last made.
describe('the newsroom in Chromium', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  const desks: Desk[] = [];
  let storyId = '';
  let storyPath = '';

  const desk = async (options?: Parameters<typeof openDesk>[1]) => {
    const opened = await openDesk(browser!, options);
    desks.push(opened);
    return opened;
  };
  const api = (path: string) => `${t.base}/newsroom/api/v1/${path}`;

  before(async () => {
    browser = await requireChromium();
    if (!browser) return;
    await ensureClientBuilt();
    t = await startTestApp({ demo: true });
    // The first admin, as `lede user add` makes it.
    await createAccounts({ store: t.store, clock: systemClock }).addUser({ ...admin, role: 'admin' });
  });
  after(async () => {
    for (const opened of desks) await opened.context.close();
    await browser?.close();
    await t?.close();
    for (const opened of desks) assert.deepEqual(opened.refused, [], 'no script, style or request was refused by the CSP');
  });

  it('lets the first admin sign in and add a writer and an editor', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await d.page.goto(`${t.base}/newsroom/`);
    await d.page.getByRole('heading', { name: 'Sign in to the newsroom' }).waitFor();
    await maybeScreenshot(d.page, 'newsroom-login');
    await d.page.getByLabel('Email').fill(admin.email);
    await d.page.getByLabel('Password').fill('not the password');
    await d.page.getByRole('button', { name: 'Sign in' }).click();
    await d.page.getByRole('alert').waitFor();
    await signIn(d, t.base, admin);
    await d.page.getByRole('link', { name: 'Users' }).click();
    for (const account of [
      { ...writer, role: 'writer' },
      { ...editor, role: 'editor' },
    ]) {
      await d.page.getByLabel('Name').fill(account.name);
      await d.page.getByLabel('Email').fill(account.email);
      await d.page.getByLabel('Role').selectOption(account.role);
      await d.page.getByLabel('Initial password').fill(account.password);
      await d.page.getByRole('button', { name: 'Add user' }).click();
      await d.page.getByRole('cell', { name: account.email }).waitFor();
    }
    const users = await t.store.accounts.listUsers();
    assert.deepEqual(users.map((u) => [u.email, u.role]).sort(), [
      [admin.email, 'admin'],
      [editor.email, 'editor'],
      [writer.email, 'writer'],
    ]);
  });

  it('lets the admin turn on two-factor sign-in, then asks for the code when signing in', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = desks[0]!;
    await d.page.getByRole('link', { name: /Ada Admin/ }).click();
    await d.page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secret = ((await d.page.locator('code.secret').textContent()) ?? '').trim();
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await d.page.getByLabel('Code from the app').fill(totpCode(secret, new Date()));
    await d.page.getByRole('button', { name: 'Turn on' }).click();
    await d.page.getByRole('status').filter({ hasText: 'Two-factor sign-in is on.' }).waitFor();
    await d.page.getByRole('button', { name: 'Sign out' }).click();
    await d.page.getByLabel('Email').fill(admin.email);
    await d.page.getByLabel('Password').fill(admin.password);
    await d.page.getByRole('button', { name: 'Sign in' }).click();
    await d.page.getByLabel('Authenticator code').fill(totpCode(secret, new Date()));
    await d.page.getByRole('button', { name: 'Sign in' }).click();
    await d.page.getByRole('heading', { name: 'Stories' }).waitFor();
  });

  it('lets a writer draft a story with a picture, autosaves it, and submit it', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await signIn(d, t.base, writer);
    await d.page.getByRole('link', { name: 'New story' }).click();
    await d.page.getByLabel('Headline').fill(headline);
    await d.page.getByLabel('Standfirst').fill('Crossings resume with delays of up to an hour.');
    await d.page.getByLabel('Section', { exact: true }).fill('world');
    const body = d.page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await d.page.keyboard.type('The first ferry left at nine, two hours late.');
    await d.page.keyboard.press('Enter');
    await d.page.keyboard.type('Operators expect a normal timetable tomorrow.');
    await d.page.getByLabel(/Choose a picture/).setInputFiles(await pictureFile());
    await d.page.getByLabel('Alt text (required)').fill('A ferry leaving the harbour in grey weather');
    await d.page.getByLabel('Caption').fill('The nine o’clock ferry');
    await d.page.getByLabel('Credit').fill('Wes Writer / Lede');
    await d.page.getByRole('button', { name: 'Upload picture' }).click();
    await d.page.getByRole('button', { name: 'Remove the picture' }).waitFor();
    await d.page.getByRole('button', { name: 'Save draft' }).click();
    await d.page.waitForURL(/\/newsroom\/stories\/(?!new$)[^/]+$/);
    storyId = decodeURIComponent(new URL(d.page.url()).pathname.split('/').pop() ?? '');
    await d.page.getByTestId('story-state').filter({ hasText: 'draft' }).waitFor();

    // Autosave: a pause in typing saves the draft, with no button pressed.
    await d.page.getByLabel('Standfirst').fill('Crossings resume with delays of up to an hour after the storm.');
    await d.page.getByText(/^Saved at /).waitFor();
    const saved = await (await fetch(api(`stories/${storyId}`), { headers: { cookie: (await credentialsOf(d)).cookie } })).json();
    assert.equal(saved.standfirst, 'Crossings resume with delays of up to an hour after the storm.');
    assert.match(saved.body_html, /<p>The first ferry left at nine, two hours late\.<\/p>/);
    assert.ok(saved.hero?.media_id, 'the uploaded picture is the hero');
    assert.equal(saved.hero.alt, 'A ferry leaving the harbour in grey weather');
    assert.equal(saved.hero.caption, 'The nine o’clock ferry');
    await maybeScreenshot(d.page, 'newsroom-editor');

    // A writer sees no Publish button, and the server refuses one sent anyway.
    assert.equal(await d.page.getByRole('button', { name: 'Publish' }).count(), 0);
    const fromPage = await d.page.evaluate(async (id) => {
      const csrf = sessionStorage.getItem('lede-newsroom-csrf') ?? '';
      const response = await fetch(`/newsroom/api/v1/stories/${encodeURIComponent(id)}/publish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: '{}',
      });
      return response.status;
    }, storyId);
    assert.equal(fromPage, 403);
    const { cookie, csrf } = await credentialsOf(d);
    const direct = await fetch(api(`stories/${storyId}/publish`), {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(direct.status, 403);

    await d.page.getByRole('button', { name: 'Submit for review' }).click();
    await d.page.getByTestId('story-state').filter({ hasNotText: 'draft' }).waitFor();
    assert.notEqual((await t.store.stories.findById(storyId))?.state, 'published');
  });

  it('lets an editor find, edit and publish it: it appears on the home page and its article page', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await signIn(d, t.base, editor);
    await d.page.getByRole('link', { name: headline }).waitFor();
    await maybeScreenshot(d.page, 'newsroom-stories');
    await d.page.getByLabel('Search').fill('Harbour ferries');
    await d.page.getByRole('button', { name: 'Search' }).click();
    // The unfiltered list shows the story too: wait for the answer to the search to replace it.
    await d.page
      .waitForFunction(() => document.querySelectorAll('.cards li').length === 1, undefined, { timeout: 10_000 })
      .catch(() => undefined);
    assert.equal(await d.page.locator('.cards li').count(), 1, 'the search finds the one story');
    assert.match((await d.page.locator('.cards li').textContent()) ?? '', /Harbour ferries/);
    await d.page.getByRole('link', { name: headline }).click();
    await d.page.getByLabel('Tags').fill('ferries, weather');
    await d.page.getByRole('textbox', { name: 'Body' }).click();
    await d.page.keyboard.press('Control+End');
    await d.page.keyboard.press('Enter');
    await d.page.keyboard.type('The operators apologised to passengers.');
    await d.page.getByRole('button', { name: 'Publish' }).click();
    await d.page.getByTestId('story-state').filter({ hasText: 'published' }).waitFor();
    const story = await t.store.stories.findById(storyId);
    assert.equal(story?.state, 'published');
    assert.deepEqual([...(story?.tags ?? [])].sort(), ['ferries', 'weather']);
    assert.match(story?.bodyHtml ?? '', /The operators apologised to passengers\./);
    await d.page.getByRole('button', { name: 'Preview as readers will see it' }).click();
    const previewHref = (await d.page.getByRole('link', { name: /Open the preview/ }).getAttribute('href')) ?? '';
    assert.match(previewHref, /^\/preview\/./);
    const preview = await fetch(`${t.base}${previewHref}`);
    assert.equal(preview.status, 200);
    assert.match(await preview.text(), /The operators apologised to passengers\./);
    const link = d.page.getByRole('link', { name: 'View on the site' });
    storyPath = new URL((await link.getAttribute('href')) ?? '', t.base).pathname;
    const article = await fetch(`${t.base}${storyPath}`);
    assert.equal(article.status, 200);
    const articleHtml = await article.text();
    assert.match(articleHtml, /Harbour ferries run late after the storm/);
    assert.match(articleHtml, /<img[^>]+alt="A ferry leaving the harbour in grey weather"/, 'the hero picture is on the article page');
    const home = await (await fetch(`${t.base}/`)).text();
    assert.ok(home.includes(storyPath), 'the home page links the new story');
  });

  it('warns an editor whose copy is stale instead of overwriting, and compares the two', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await signIn(d, t.base, editor);
    await d.page.goto(`${t.base}/newsroom/stories/${encodeURIComponent(storyId)}`);
    await d.page.getByLabel('Headline').waitFor();
    // Meanwhile another editor (the one who published it) saves the story.
    const { cookie, csrf } = await credentialsOf(desks[2]!);
    const current = await (await fetch(api(`stories/${storyId}`), { headers: { cookie } })).json();
    const theirs = await fetch(api(`stories/${storyId}`), {
      method: 'PATCH',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', 'if-match': `"${current.version}"` },
      body: JSON.stringify({ standfirst: 'Their standfirst, saved first.' }),
    });
    assert.equal(theirs.status, 200, await theirs.clone().text());
    await d.page.getByLabel('Standfirst').fill('My standfirst, saved second.');
    await d.page.getByRole('button', { name: 'Save', exact: true }).click();
    await d.page.getByRole('heading', { name: 'Someone else changed this story' }).waitFor();
    await d.page.getByRole('button', { name: 'Compare' }).click();
    assert.match((await d.page.locator('.conflict .compare').textContent()) ?? '', /Their.*My|My.*Their/s);
    const stored = await (await fetch(api(`stories/${storyId}`), { headers: { cookie } })).json();
    assert.equal(stored.standfirst, 'Their standfirst, saved first.', 'the stale save overwrote nothing');
    await d.page.getByRole('button', { name: 'Reload their version' }).click();
    assert.equal(await d.page.getByLabel('Standfirst').inputValue(), 'Their standfirst, saved first.');
    assert.equal(await d.page.locator('.conflict').count(), 0);
  });

  it('lists the revisions, shows a diff between any two and restores one', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = desks[desks.length - 1]!;
    await d.page.getByRole('link', { name: 'Revisions' }).click();
    const rows = d.page.locator('.revisions tbody tr');
    await rows.first().waitFor();
    const count = await rows.count();
    assert.ok(count >= 4, `created, autosaved, submitted, published, patched: ${count} revisions`);
    // From the first save to the latest: the editor's added paragraph is underlined.
    await rows
      .nth(count - 1)
      .getByRole('radio', { name: /Compare from/ })
      .check();
    await rows
      .first()
      .getByRole('radio', { name: /Compare to/ })
      .check();
    assert.match((await d.page.locator('.revisions .compare ins').allTextContents()).join(' '), /apologised/);
    d.page.once('dialog', (dialog) => dialog.accept());
    await rows
      .nth(count - 1)
      .getByRole('button', { name: 'Restore' })
      .click();
    await d.page.getByLabel('Headline').waitFor();
    const { cookie } = await credentialsOf(d);
    const restored = await (await fetch(api(`stories/${storyId}`), { headers: { cookie } })).json();
    assert.doesNotMatch(restored.body_html, /apologised/, 'the first revision is back');
    assert.ok(restored.version > count, 'restoring makes a new revision');
  });

  it('lets an editor publish a held wire item as is, then kill it: its page answers 410', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    await applySourceSettings(t.store.sources, 'agency', { rule: 'hold' });
    const item = wireItem({ headlines: [{ role: 'main', value: 'Lighthouse keepers agree a new rota' }] });
    const [held] = await t.app.services.pipeline.ingestItems([item], { source: 'agency' });
    assert.equal(held?.state, 'held');
    const [spikeable] = await t.app.services.pipeline.ingestItems(
      [wireItem({ headlines: [{ role: 'main', value: 'Council approves a new bus lane' }] })],
      { source: 'agency' },
    );
    assert.equal(spikeable?.state, 'held');
    const d = await desk();
    await signIn(d, t.base, editor);
    await d.page.getByRole('link', { name: 'Wire queue' }).click();
    // Spike one (it leaves the held queue, and shows under "spiked"), then bring it back.
    const bus = d.page.locator('.wire-items li', { hasText: 'Council approves a new bus lane' });
    await bus.getByRole('button', { name: 'Spike' }).click();
    await d.page.getByRole('status').filter({ hasText: 'spiked' }).waitFor();
    await bus.waitFor({ state: 'detached', timeout: 5000 });
    await d.page.getByLabel('Status').selectOption('spiked');
    await bus.getByRole('button', { name: 'Unspike' }).click();
    await d.page.getByRole('status').filter({ hasText: 'back in the queue' }).waitFor();
    await d.page.getByLabel('Status').selectOption('');
    await bus.waitFor();
    const card = d.page.locator('.wire-items li', { hasText: 'Lighthouse keepers agree a new rota' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Lighthouse keepers agree a new rota' }).click();
    await d.page.locator('.wire-preview').getByText('The keepers of the northern lighthouses').waitFor();
    await maybeScreenshot(d.page, 'newsroom-wire');
    await card.getByRole('button', { name: 'Publish as is' }).click();
    await d.page.getByRole('status').filter({ hasText: 'published' }).waitFor();
    const published = (await t.store.stories.listPublished({ limit: 50 })).stories.find((s) => s.uri === item.uri);
    assert.ok(published, 'the wire item is published');
    const response = await d.page.goto(`${t.base}/newsroom/stories/${encodeURIComponent(published.id)}`);
    assert.equal(response?.status(), 200);
    const path = new URL((await d.page.getByRole('link', { name: 'View on the site' }).getAttribute('href')) ?? '', t.base).pathname;
    assert.equal((await fetch(`${t.base}${path}`)).status, 200);
    d.page.once('dialog', (dialog) => dialog.accept());
    await d.page.getByRole('button', { name: 'Kill' }).click();
    await d.page.getByTestId('story-state').filter({ hasText: 'killed' }).waitFor();
    assert.equal((await fetch(`${t.base}${path}`)).status, 410);
  });

  it('fits the story list, editor and wire queue into a 390 px phone screen', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk({ viewport: { width: 390, height: 844 } });
    await signIn(d, t.base, editor);
    await assertFitsWidth(d.page, 'story list');
    await d.page.goto(`${t.base}/newsroom/stories/${encodeURIComponent(storyId)}`);
    await d.page.getByLabel('Headline').waitFor();
    await assertFitsWidth(d.page, 'editor');
    await d.page.goto(`${t.base}/newsroom/wire?status=all`);
    await d.page.locator('.wire-items li').first().waitFor();
    await assertFitsWidth(d.page, 'wire queue');
  });

  it('has no serious or critical accessibility violations on the newsroom screens', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    // axe is injected inline: this desk bypasses the CSP (the others check it).
    const d = await desk({ bypassCSP: true });
    await d.page.goto(`${t.base}/newsroom/`);
    await d.page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await seriousViolations(d.page), [], 'sign in');
    await signIn(d, t.base, editor);
    for (const [name, path, ready] of [
      ['stories', '/newsroom/', '.cards li'],
      ['editor', `/newsroom/stories/${encodeURIComponent(storyId)}`, '.body-editor .ProseMirror'],
      ['revisions', `/newsroom/stories/${encodeURIComponent(storyId)}/revisions`, '.revisions tbody tr'],
      ['wire queue', '/newsroom/wire?status=all', '.wire-items li'],
    ] as const) {
      await d.page.goto(`${t.base}${path}`);
      await d.page.locator(ready).first().waitFor();
      assert.deepEqual(await seriousViolations(d.page), [], name);
    }
  });
});
