import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemClock } from '../../src/core/clock.js';
import { quarantineCopy } from '../../src/ingest/quarantine.js';
import { createAccounts } from '../../src/newsroom/auth/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chromiumSkipReason, requireChromium } from '../helpers/chromium.js';
import { login, password } from '../helpers/newsroom.js';
import { wireItem } from '../helpers/wire.js';
import { type Desk, ensureClientBuilt, openDesk, signIn } from './newsroom-session.js';

// The newsroom's list answers carry no bodies, sections and authors can be deleted, and the
// quarantine can be replayed a source at a time: each from the screens, in Chromium.
describe('the newsroom lists, deletes and replay-all in Chromium', () => {
  let browser: Browser | undefined;
  let app: TestApp;
  const desks: Desk[] = [];
  const emails = { admin: 'ada@example.test', editor: 'eda@example.test' };

  const deskOf = async (email: string) => {
    const desk = await openDesk(browser!);
    desks.push(desk);
    // Every delete and replay-all asks first: accept.
    desk.page.on('dialog', (dialog) => void dialog.accept());
    await signIn(desk, app.base, { email, password });
    return desk;
  };

  before(async () => {
    browser = await requireChromium();
    if (!browser) return;
    await ensureClientBuilt();
    app = await startTestApp();
    for (const [slug, name, position] of [
      ['world', 'World', 1],
      ['sport', 'Sport', 2],
      ['culture', 'Culture', 3],
    ] as const)
      await app.store.sections.upsert({ slug, name, position, subjects: [] });
    await app.store.authors.upsert({ slug: 'jane-doe', name: 'Jane Doe' });
    await app.store.authors.upsert({ slug: 'jane-do', name: 'Jane Do' });
    const accounts = createAccounts({ store: app.store, clock: systemClock });
    await accounts.addUser({ email: emails.admin, name: 'Ada Admin', role: 'admin', password });
    await accounts.addUser({ email: emails.editor, name: 'Eda Editor', role: 'editor', password });
    await app.store.sources.upsert({ slug: 'mpa', name: 'Meridian Press', shortName: 'MPA', kind: 'agency', publishRule: 'hold' });
    const editor = await login(app.base, emails.editor);
    const story = await editor.request('POST', 'stories', {
      body: { headline: 'Cup final tonight', body_html: '<p>Kick-off at eight.</p>', section: 'sport', authors: ['jane-doe'] },
    });
    assert.equal(story.status, 201);
    await app.app.services.pipeline.ingestItems([wireItem({ headlines: [{ role: 'main', value: 'Ferry strike called off' }] })], {
      source: 'mpa',
    });
  });
  after(async () => {
    for (const desk of desks) await desk.context.close();
    await browser?.close();
    await app?.close();
    for (const desk of desks) assert.deepEqual(desk.refused, [], 'no script, style or request was refused by the CSP');
  });

  it('previews a queued wire item with its body, which the list itself no longer carries', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = await deskOf(emails.editor);
    await page.getByRole('link', { name: 'Wire' }).click();
    await page.getByRole('button', { name: 'Ferry strike called off' }).click();
    await page.locator('.wire-preview .prose').getByText('The keepers of the northern lighthouses voted').waitFor();
  });

  it('lets an editor delete an author no story credits, and says why one credited cannot go', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = await deskOf(emails.editor);
    await page.goto(`${app.base}/newsroom/site/authors`);
    await page.getByRole('button', { name: 'Delete Jane Doe' }).click();
    await page.getByRole('alert').filter({ hasText: 'jane-doe: 1 story credits this author' }).waitFor();
    assert.ok(await app.store.authors.findBySlug('jane-doe'), 'refused: the profile stays');
    await page.getByRole('button', { name: 'Delete Jane Do', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Jane Do deleted.' }).waitFor();
    assert.equal(await app.store.authors.findBySlug('jane-do'), undefined);
  });

  it('lets an admin delete an unused section and refuses one with stories, naming how many', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { page } = await deskOf(emails.admin);
    await page.goto(`${app.base}/newsroom/site/sections`);
    await page.getByRole('button', { name: 'Delete Sport' }).click();
    await page.getByRole('alert').filter({ hasText: 'sport: 1 story is filed under this section' }).waitFor();
    await page.getByRole('button', { name: 'Delete Culture' }).click();
    await page.getByRole('status').filter({ hasText: 'Culture deleted.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete Culture' }).count(), 0);
    assert.equal(await app.store.sections.findBySlug('culture'), undefined);
  });

  it('replays every quarantined file of the chosen source from the Sources screen', async (ctx) => {
    if (!browser) return ctx.skip(chromiumSkipReason);
    const { dataDir } = app.config;
    const put = async (name: string, source: string) => {
      const file = join(dataDir, name);
      await writeFile(file, JSON.stringify(wireItem()));
      await quarantineCopy({ dataDir, file, reason: 'the feed was down when it came', source, now: new Date() });
    };
    await put('one.json', 'mpa');
    await put('two.json', 'mpa');
    await put('three.json', 'tidewire');
    const { page } = await deskOf(emails.admin);
    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('button', { name: 'Replay all (3)' }).waitFor();
    await page.locator('select[name="quarantine-source"]').selectOption('mpa');
    await page.getByRole('button', { name: 'Replay all (2)' }).click();
    await page.getByRole('status').filter({ hasText: 'Replayed 2 file(s): 2 ingested, 0 still bad.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Replay all (0)' }).isDisabled(), true, 'none of mpa is left');
    await page.locator('select[name="quarantine-source"]').selectOption('');
    await page.getByRole('button', { name: 'Replay three.json' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Replay one.json' }).count(), 0, 'the replayed files left the quarantine');
  });
});
