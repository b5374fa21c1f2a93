import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitized } from '../helpers/body.js';
import { makeStory } from '../helpers/stories.js';
import { startSite } from './site-app.js';

const beacon = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/beacon`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

const consented = { cookie: 'lede_consent=yes; lede_b=browser0123456789abcd; lede_h=a' };
const since = new Date('2026-01-01T00:00:00Z');

describe('site beacon: counting', () => {
  it('counts an address hammering the beacon once, whatever user agent it sends', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'a', publishedAt: '2026-01-10T10:00:00Z' }));
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => beacon(site.url, { id: 'a' }, { 'user-agent': `bot/${i % 7}` }).then((r) => r.status)),
    );
    assert.ok(answers.every((s) => s === 204));
    await site.signals.flush();
    const rows = await site.store.signals.hourlyViews({ since });
    assert.equal(
      rows.reduce((sum, r) => sum + r.count, 0),
      1,
    );
  });

  it('writes nothing per request: hits wait for the batch', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'a' }));
    assert.equal((await beacon(site.url, { id: 'a' })).status, 204);
    assert.deepEqual(await site.store.signals.hourlyViews({ since }), []);
    await site.signals.flush();
    assert.equal((await site.store.signals.hourlyViews({ since })).length, 1);
  });

  it('ignores views of unknown or unpublished stories', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'gone', state: 'killed', pubstatus: 'canceled' }));
    assert.equal((await beacon(site.url, { id: 'gone' })).status, 204);
    assert.equal((await beacon(site.url, { id: 'never-seen' })).status, 204);
    await site.signals.flush();
    assert.deepEqual(await site.store.signals.hourlyViews({ since }), []);
  });
});

describe('site beacon: profiling only with consent', () => {
  it('logs impressions and clicks for a consenting browser, keyed by its id, with its history', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'a' }), makeStory({ id: 'b' }));
    const impression = { id: 'imp00000001', slot: 'for-you', items: ['a', 'b'], page: '/' };
    assert.equal((await beacon(site.url, { impression }, consented)).status, 204);
    assert.equal((await beacon(site.url, { click: { impression: 'imp00000001', id: 'b' } }, consented)).status, 204);
    await site.signals.flush();
    const [stored] = await site.store.signals.listImpressions({});
    assert.equal(stored?.browser, 'browser0123456789abcd');
    assert.deepEqual(stored?.items, ['a', 'b']);
    assert.deepEqual(stored?.history, ['a']);
    assert.deepEqual(stored?.clicked, ['b']);
  });

  it('keeps no impression without consent, or with DNT or Sec-GPC, but still counts the view', async (t) => {
    const site = await startSite(t);
    await site.save(makeStory({ id: 'a' }));
    const impression = { id: 'imp00000002', slot: 'most-read', items: ['a'], page: '/' };
    await beacon(site.url, { impression }, { cookie: 'lede_b=browser0123456789abcd' });
    await beacon(site.url, { impression }, { ...consented, dnt: '1' });
    await beacon(site.url, { impression }, { ...consented, 'sec-gpc': '1' });
    await beacon(site.url, { id: 'a' }, { ...consented, 'sec-gpc': '1' });
    await site.signals.flush();
    assert.deepEqual(await site.store.signals.listImpressions({}), []);
    assert.equal((await site.store.signals.hourlyViews({ since })).length, 1);
    assert.deepEqual(await site.store.signals.coVisits({ since }), []);
  });

  it('refuses an impression of an unknown slot or too many items', async (t) => {
    const site = await startSite(t);
    const items = Array.from({ length: 21 }, (_, i) => `s${i}`);
    assert.equal((await beacon(site.url, { impression: { id: 'imp00000003', slot: 'ads', items: ['a'] } }, consented)).status, 400);
    assert.equal((await beacon(site.url, { impression: { id: 'imp00000003', slot: 'for-you', items } }, consented)).status, 400);
  });
});

describe('privacy page and consent banner', () => {
  it('serves /page/privacy saying what is kept and for how long, following the retention setting', async (t) => {
    const site = await startSite(t);
    const first = await (await site.get('/page/privacy')).text();
    assert.match(first, /<h1>Privacy<\/h1>/);
    assert.match(first, /lede_h/);
    assert.match(first, /lede_b/);
    assert.match(first, /kept for 30 days/);
    await site.store.settings.set('recommend', { retentionDays: 14 });
    site.cache.invalidate(['settings']);
    assert.match(await (await site.get('/page/privacy')).text(), /kept for 14 days/);
    // An editor's own privacy page (newsroom pages) replaces the default text.
    await site.store.pages.upsert({
      slug: 'privacy',
      title: 'Our privacy',
      bodyHtml: sanitized('<p>Edited text.</p>'),
      updatedAt: '2026-01-10T12:00:00Z',
    });
    site.cache.invalidate(['page:privacy']);
    const edited = await (await site.get('/page/privacy')).text();
    assert.match(edited, /Edited text\./);
    assert.doesNotMatch(edited, /kept for 14 days/);
  });

  it('puts a hidden first-party consent banner on cached pages and sets no cookie', async (t) => {
    const site = await startSite(t);
    const res = await site.get('/');
    assert.equal(res.headers.get('set-cookie'), null);
    const page = await res.text();
    assert.match(page, /<div class="consent" role="region" aria-label="Privacy choices" data-consent hidden>/);
    assert.match(page, /data-consent-choice="yes"/);
    assert.match(page, /<a href="\/page\/privacy">Privacy<\/a>/);
  });
});
