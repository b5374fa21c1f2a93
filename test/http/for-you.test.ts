import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Story } from '../../src/core/story.js';
import { makeStory } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';
import { type SiteTestApp, startSite } from './site-app.js';

const topics: Record<string, string[]> = {
  world: ['ceasefire', 'border', 'embassy', 'refugees', 'parliament', 'sanctions', 'treaty', 'minister'],
  sport: ['goal', 'league', 'striker', 'championship', 'coach', 'stadium', 'match', 'tournament'],
  business: ['shares', 'profit', 'inflation', 'merger', 'investors', 'bank', 'earnings', 'market'],
};

/** 10 stories a section, spread over the last 20 hours, with the section's own vocabulary. */
function corpus(): Story[] {
  const stories: Story[] = [];
  for (const [section, words] of Object.entries(topics)) {
    for (let i = 0; i < 10; i++) {
      const w = (k: number) => words[(i + k) % words.length];
      stories.push(
        makeStory({
          id: `${section}-${i}`,
          section,
          headline: `${w(0)} ${w(1)} ${w(2)} report ${i}`,
          bodyHtml: `<p>The ${w(0)} and the ${w(3)} dominated as ${w(4)} ${w(5)} talks went on.</p>`,
          publishedAt: new Date(
            Date.parse('2026-01-10T12:00:00Z') - (i * 2 + Object.keys(topics).indexOf(section)) * 3_600_000,
          ).toISOString(),
        }),
      );
    }
  }
  return stories;
}

async function forYou(site: SiteTestApp, cookie?: string): Promise<Array<{ id: string }>> {
  const res = await site.get('/fragments/for-you', { accept: 'application/json', ...(cookie === undefined ? {} : { cookie }) });
  assert.equal(res.status, 200);
  return ((await res.json()) as { items: Array<{ id: string }> }).items;
}

describe('Recommended for you', () => {
  it('follows the section of four stories read, never shows them, and differs between two sections', async (t) => {
    const site = await startSite(t);
    await site.store.sections.upsert({ slug: 'business', name: 'Business', position: 3, subjects: [] });
    await site.save(...corpus());
    const worldRead = ['world-0', 'world-3', 'world-5', 'world-8'];
    const sportRead = ['sport-1', 'sport-2', 'sport-6', 'sport-9'];
    const world = await forYou(site, `lede_h=${worldRead.join(',')}`);
    const sport = await forYou(site, `lede_h=${sportRead.join(',')}`);
    assert.equal(world.length, 6);
    assert.ok(
      world.every((s) => !worldRead.includes(s.id)),
      JSON.stringify(world),
    );
    assert.ok(
      sport.every((s) => !sportRead.includes(s.id)),
      JSON.stringify(sport),
    );
    assert.ok(world.filter((s) => s.id.startsWith('world-')).length >= 3, JSON.stringify(world));
    assert.ok(sport.filter((s) => s.id.startsWith('sport-')).length >= 3, JSON.stringify(sport));
    assert.notDeepEqual(world, sport);
  });

  it('falls back to trending with no history, and ignores a malformed or oversized cookie', async (t) => {
    const site = await startSite(t);
    await site.save(...corpus());
    const at = new Date('2026-01-10T11:30:00Z');
    await site.store.signals.recordViews([
      ...['a', 'b', 'c'].map((v) => ({ storyId: 'business-9', visitor: v, at, isProfiled: false })),
      ...['a', 'b'].map((v) => ({ storyId: 'sport-7', visitor: v, at, isProfiled: false })),
    ]);
    await site.recommender.refreshSignals();
    const fresh = await forYou(site);
    assert.deepEqual(
      fresh.slice(0, 2).map((s) => s.id),
      ['business-9', 'sport-7'],
    );
    for (const cookie of ['lede_h=%E0%A4%A', `lede_h=${'x'.repeat(9000)}`, 'lede_h=<script>,,,', 'lede_h=unknown-1,unknown-2']) {
      assert.deepEqual(await forYou(site, cookie), fresh, cookie.slice(0, 30));
    }
  });

  it('never recommends a story once it is killed', async (t) => {
    const site = await startSite(t);
    const stories = corpus();
    await site.save(...stories);
    const history = 'lede_h=world-0,world-3,world-5,world-8';
    const before = await forYou(site, history);
    const victim = stories.find((s) => s.id === before[0]?.id) as Story;
    await site.store.transaction((tx) => putStory(tx, { ...victim, state: 'killed', pubstatus: 'canceled' }));
    await site.recommender.settle();
    const after = await forYou(site, history);
    assert.ok(!after.some((s) => s.id === victim.id));
  });

  it('marks the HTML list for impression logging', async (t) => {
    const site = await startSite(t);
    await site.save(...corpus());
    const html = await (await site.get('/fragments/for-you', { cookie: 'lede_h=sport-1' })).text();
    assert.match(html, /<div class="for-you" data-slot="for-you" data-items="[^"]+">/);
    assert.equal(html.match(/<li class="teaser">/g)?.length, 6);
  });
});

describe('Most read', () => {
  it('shows each section its own most read stories, server-side', async (t) => {
    const site = await startSite(t);
    await site.save(...corpus());
    const at = new Date('2026-01-10T11:30:00Z');
    await site.store.signals.recordViews([
      ...['a', 'b', 'c'].map((v) => ({ storyId: 'world-7', visitor: v, at, isProfiled: false })),
      { storyId: 'sport-4', visitor: 'a', at, isProfiled: false },
    ]);
    await site.recommender.refreshSignals();
    const block = (page: string) => page.match(/<section class="block" aria-labelledby="most-read-title"[\s\S]*?<\/section>/)?.[0] ?? '';
    const home = block(await (await site.get('/')).text());
    assert.match(home, /data-items="world-7 sport-4"/);
    const world = block(await (await site.get('/world/')).text());
    assert.match(world, /data-items="world-7"/);
    assert.doesNotMatch(world, /sport-4/);
  });
});

describe('co-visits for Read also', () => {
  it('gives the stories read after a story the same day by consenting readers', async (t) => {
    const site = await startSite(t);
    await site.save(...corpus());
    const view = (storyId: string, visitor: string, minute: number) => ({
      storyId,
      visitor,
      at: new Date(Date.UTC(2026, 0, 10, 11, minute)),
      isProfiled: true,
    });
    await site.store.signals.recordViews([
      view('world-1', 'p', 0),
      view('sport-2', 'p', 5),
      view('world-1', 'q', 0),
      view('sport-2', 'q', 9),
    ]);
    await site.recommender.refreshSignals();
    assert.deepEqual([...(await site.recommender.coVisitsOf('world-1'))], [['sport-2', 2]]);
    assert.deepEqual([...(await site.recommender.coVisitsOf('sport-2'))], []);
  });
});
