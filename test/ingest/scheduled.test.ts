import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import type { Story } from '../../src/core/story.js';
import { articlePath } from '../../src/core/urls.js';
import { assertGoneEverywhere, assertGoneEverywhereBy, isLive, searchQueryFor, within } from '../helpers/surfaces.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp, storedStory, worldTopic } from './e2e-helpers.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** What a change fired for one story: its events (kind, origin) and its outbox rows (channel:kind), if the outbox exists. */
async function firedFor(app: IngestTestApp, storyId: string) {
  const events = (await app.store.events.listAfter(0, 10_000)).filter((e) => e.storyId === storyId);
  type Outbox = { list(f: { storyId: string }): Promise<Array<{ channel: string; kind: string }>> };
  const outbox = (app.store as unknown as { outbox?: Outbox }).outbox;
  const rows = outbox ? await outbox.list({ storyId }) : [];
  return { events: events.map((e) => e.kind), outbox: rows.map((r) => `${r.channel}:${r.kind}`).sort() };
}

async function inNewsSitemap(app: IngestTestApp, story: Story): Promise<boolean | undefined> {
  const response = await fetch(`${app.base}/news-sitemap.xml`);
  if (response.status === 404) return undefined;
  return (await response.text()).includes(articlePath(story));
}

describe('scheduled transitions, on an injected clock', () => {
  it('keeps an embargoed story hidden until the first scheduler tick after its time, then fires exactly what a publish fires', async (t) => {
    const clock = createManualClock(new Date());
    const app = await startIngestApp({ clock });
    t.after(() => app.stop());
    const { pipeline } = app.app.services;
    const start = clock.now().getTime();

    const control = wireItem({ subjects: [worldTopic], infosources: [{ name: 'Agency' }] });
    const embargoed = wireItem({ subjects: [worldTopic], infosources: [{ name: 'Agency' }], embargoed: iso(start + 3600_000) });
    const [published, stored] = await pipeline.ingestItems([control, embargoed]);
    assert.deepEqual([published?.outcome, stored?.outcome, stored?.state], ['publish', 'store', 'embargoed']);
    const controlStory = await storedStory(app, 'agency', control);
    let story = await storedStory(app, 'agency', embargoed);

    const hidden = async () => {
      assert.equal((await fetch(`${app.base}${articlePath({ ...story, publishedAt: embargoed.embargoed })}`)).status, 404);
      assert.doesNotMatch(
        await (await fetch(`${app.base}/search?q=${encodeURIComponent(searchQueryFor(story))}`)).text(),
        new RegExp(story.slug),
      );
      await assertGoneEverywhere(app.base, { ...story, publishedAt: embargoed.embargoed });
    };
    await hidden();
    clock.set(new Date(start + 3599_000));
    await app.app.scheduler.tick();
    await hidden();

    clock.set(new Date(start + 3600_000));
    await app.app.scheduler.tick();
    story = (await app.store.stories.findById(story.id))!;
    assert.equal(story.state, 'published');
    // First publication is the embargo time (core's firstPublishedAt, as for a publish at ingest).
    assert.equal(story.publishedAt, new Date(embargoed.embargoed!).toISOString());
    await within(2000, () => isLive(app.base, story), 'the story is live after the embargo');
    assert.match(await (await fetch(`${app.base}/`)).text(), new RegExp(articlePath(story)));
    const sitemap = await inNewsSitemap(app, story);
    if (sitemap !== undefined) assert.equal(sitemap, true, 'the news sitemap lists it');

    // The lift fires what an ordinary publish fires: one publish event, the same outbox rows.
    const lifted = await firedFor(app, story.id);
    const direct = await firedFor(app, controlStory.id);
    assert.deepEqual(lifted.events, ['store', ...direct.events]);
    assert.deepEqual(lifted.outbox, direct.outbox);
    t.diagnostic(`publish fires: events ${direct.events.join(',')}; outbox ${direct.outbox.join(',') || 'none'}`);
  });

  it('withdraws a story when it expires', async (t) => {
    const clock = createManualClock(new Date());
    const app = await startIngestApp({ clock });
    t.after(() => app.stop());
    const start = clock.now().getTime();
    const item = wireItem({ subjects: [worldTopic], expires: iso(start + 600_000) });
    await app.app.services.pipeline.ingestItems([item], { source: 'agency' });
    const story = await storedStory(app, 'agency', item);
    await within(2000, () => isLive(app.base, story), 'live before it expires');

    clock.set(new Date(start + 600_000));
    await app.app.scheduler.tick();
    assert.equal((await app.store.stories.findById(story.id))?.state, 'expired');
    const expiredAt = Date.now();
    await within(2000, async () => (await fetch(`${app.base}${articlePath(story)}`)).status === 404, 'expired page answers 404');
    await assertGoneEverywhereBy(expiredAt + 2000, app.base, story);
    assert.deepEqual((await firedFor(app, story.id)).events, ['publish', 'withhold']);
  });
});
