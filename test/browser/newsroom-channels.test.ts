import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemClock } from '../../src/core/clock.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';
import { call, login, password, within } from '../helpers/newsroom.js';
import { type ChannelsApp, quarantineTwo, startChannelsApp } from '../helpers/newsroom-channels.js';
import { type Desk, ensureClientBuilt, openDesk, signIn } from './newsroom-session.js';
import { pictureFile } from './picture-file.js';

const headline = 'Lighthouse reopens after a year of repairs';

describe('the newsroom channels, sources, pickers and scheduling in Chromium', () => {
  let browser: Browser | undefined;
  let channels: ChannelsApp;
  let site: TestApp;
  const closers: Array<() => Promise<void>> = [];
  const desks: Desk[] = [];
  let storyId = '';
  let storyPath = '';

  const desk = async () => {
    const opened = await openDesk(browser!);
    desks.push(opened);
    return opened;
  };

  before(async () => {
    browser = await requireChromium();
    if (!browser) return;
    await ensureClientBuilt();
    channels = await startChannelsApp((close) => closers.push(close));
    // A second app on the real clock, its scheduler running, for the editor's story.
    site = await startTestApp();
    closers.push(() => site.close());
    site.app.scheduler.start();
    await site.store.sections.upsert({ slug: 'world', name: 'World', position: 1, subjects: [] });
    await site.store.sections.upsert({ slug: 'science', name: 'Science', position: 2, subjects: [] });
    for (const [slug, name] of [
      ['mara-quill', 'Mara Quill'],
      ['tobin-reed', 'Tobin Reed'],
      ['sam-lee', 'Sam Lee'],
    ] as const)
      await site.store.authors.upsert({ slug, name });
    await createAccounts({ store: site.store, clock: systemClock }).addUser({
      email: 'eda@example.test',
      name: 'Eda Editor',
      role: 'editor',
      password,
    });
  });
  after(async () => {
    for (const opened of desks) await opened.context.close();
    await browser?.close();
    for (const close of closers) await close();
    for (const opened of desks) assert.deepEqual(opened.refused, [], 'no script, style or request was refused by the CSP');
  });

  it("shows an admin a channel's failed delivery with its error, and retries it", async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await signIn(d, channels.base, { email: channels.emails.admin, password });
    await d.page.getByRole('link', { name: 'Channels' }).click();
    const row = d.page.locator('.failed-deliveries tr').filter({ hasText: 'webhook:1' });
    await row.getByText('HTTP 503: partner is down for maintenance').waitFor();
    assert.match((await row.textContent()) ?? '', /8, parked/);
    await d.page.getByRole('button', { name: `Retry #${channels.parked.id}` }).click();
    await d.page
      .getByRole('status')
      .filter({ hasText: `Delivery #${channels.parked.id} is queued again.` })
      .waitFor();
    assert.equal((await channels.store.outbox.find(channels.parked.id))?.status, 'pending');
    await d.page.getByText('None: every delivery went out or is on its way.').waitFor();
  });

  it('replays a quarantined file from the Sources screen, showing each reason', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { headline: wireHeadline } = await quarantineTwo(channels.config.dataDir, new Date());
    const d = await desk();
    await signIn(d, channels.base, { email: channels.emails.admin, password });
    await d.page.getByRole('link', { name: 'Sources' }).click();
    await d.page.getByRole('cell', { name: 'the feed was down when it came' }).waitFor();
    await d.page.getByRole('cell', { name: 'not in any supported wire format' }).waitFor();
    await d.page.getByRole('button', { name: 'Replay item.json' }).click();
    await d.page.getByRole('status').filter({ hasText: 'item.json: ingested 1 item(s).' }).waitFor();
    assert.equal(await d.page.getByRole('button', { name: 'Replay item.json' }).count(), 0, 'it left the quarantine');
    const stories = await channels.store.desk.list({ limit: 50 });
    assert.ok(JSON.stringify(stories).includes(wireHeadline), 'the replayed item is a story');
  });

  it('lets an editor choose the section and several authors by searching, and a hero from the library', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const editor = await login(site.base, 'eda@example.test');
    const picture = await pictureFile();
    const form = new FormData();
    form.append('alt', 'The lighthouse at dusk');
    form.append('caption', 'The lighthouse, repainted');
    form.append('file', new Blob([new Uint8Array(picture.buffer)], { type: picture.mimeType }), picture.name);
    const upload = await fetch(`${site.base}/newsroom/api/v1/media`, {
      method: 'POST',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
      body: form,
    });
    const { id: mediaId } = (await upload.json()) as { id: string };

    const d = await desk();
    await signIn(d, site.base, { email: 'eda@example.test', password });
    await d.page.getByRole('link', { name: 'New story' }).click();
    await d.page.getByLabel('Headline').fill(headline);
    const section = d.page.getByRole('combobox', { name: 'Section' });
    await section.fill('sci');
    await d.page.getByRole('option', { name: /Science/ }).click();
    assert.equal(await section.inputValue(), 'Science');
    const authors = d.page.getByRole('combobox', { name: 'Authors' });
    await authors.fill('quill');
    assert.equal(await d.page.getByRole('option').count(), 1, 'only the matching author is offered');
    await d.page.getByRole('option', { name: /Mara Quill/ }).click();
    await authors.fill('TOB');
    await authors.press('Enter');
    await d.page.getByRole('button', { name: 'Remove Tobin Reed' }).waitFor();
    await authors.fill('mara');
    assert.equal(await d.page.getByRole('option').count(), 0, 'a chosen author is not offered again');
    await d.page.getByRole('textbox', { name: 'Body' }).click();
    await d.page.keyboard.type('The keepers open the doors on Saturday.');
    await d.page.getByRole('button', { name: 'Choose from the library' }).click();
    await d.page.locator(`[data-media-id="${mediaId}"]`).getByRole('button', { name: 'Use as hero' }).click();
    await d.page.getByRole('button', { name: 'Save draft' }).click();
    await d.page.waitForURL(/\/newsroom\/stories\/(?!new$)[^/]+$/);
    storyId = decodeURIComponent(new URL(d.page.url()).pathname.split('/').pop() ?? '');
    const saved = await site.store.stories.findById(storyId);
    assert.equal(saved?.section, 'science');
    assert.deepEqual(saved?.authorSlugs, ['mara-quill', 'tobin-reed']);
    assert.equal(saved?.hero?.mediaId, mediaId);
    assert.equal(saved?.hero?.caption, 'The lighthouse, repainted');
  });

  it('schedules the story a few seconds ahead: it appears on the site after its time, and unpublishing takes it off', async (ctx) => {
    if (!browser || !storyId) return ctx.skip(chromiumSkipReason);
    const d = await desk();
    await signIn(d, site.base, { email: 'eda@example.test', password });
    await d.page.goto(`${site.base}/newsroom/stories/${encodeURIComponent(storyId)}`);
    // The browser's own local time, eight seconds ahead, as the field takes it.
    // (Swedish dates are ISO-shaped: `2026-12-03 17:40:05`.)
    const at = await d.page.evaluate(() => new Date(Date.now() + 8000).toLocaleString('sv-SE').replace(' ', 'T'));
    await d.page.getByLabel('Publish at').fill(at);
    await d.page.getByRole('button', { name: 'Schedule' }).click();
    await d.page.getByTestId('story-state').filter({ hasText: 'scheduled' }).waitFor();
    const scheduled = await site.store.stories.findById(storyId);
    assert.equal(scheduled?.state, 'scheduled');
    assert.ok(!(await call(site.base, 'GET', '/')).body.includes(headline), 'not on the home page before its time');

    await within(20_000, 'the scheduled story is on the home page', async () =>
      (await call(site.base, 'GET', '/')).body.includes(headline),
    );
    const published = await site.store.stories.findById(storyId);
    assert.equal(published?.state, 'published');
    assert.ok(Date.parse(published?.publishedAt ?? '') >= Date.parse(new Date(at).toISOString()) - 1000, 'not before its time');
    const story = await (await login(site.base, 'eda@example.test')).request('GET', `stories/${encodeURIComponent(storyId)}`);
    storyPath = new URL(story.body.url).pathname;
    assert.equal((await call(site.base, 'GET', storyPath)).status, 200);

    await d.page.reload();
    await d.page.getByRole('button', { name: 'Unpublish' }).click();
    await d.page.getByTestId('story-state').filter({ hasText: 'unpublished' }).waitFor();
    await within(2000, 'the story left the home page', async () => !(await call(site.base, 'GET', '/')).body.includes(headline));
    // DESIGN.md: an editor's unpublish hides the story (404); only a kill answers 410.
    assert.equal((await call(site.base, 'GET', storyPath)).status, 404);
  });
});
