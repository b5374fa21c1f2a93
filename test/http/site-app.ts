import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import Fastify from 'fastify';
import { createManualClock } from '../../src/core/clock.js';
import type { Story } from '../../src/core/story.js';
import { createPageCache, type PageCache } from '../../src/http/response-cache.js';
import { createRecommender, type Recommender } from '../../src/recommend/recommender.js';
import { createSignalBuffer, type SignalBuffer } from '../../src/recommend/signal-buffer.js';
import { siteRoutes } from '../../src/site/plugin.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { copyMigratedSqlite } from '../helpers/demo-template.js';
import { makeStory, type StoryOverrides } from '../helpers/stories.js';
import { putStory } from '../helpers/story-writes.js';

export const now = '2026-01-10T12:00:00.000Z';

export interface SiteTestApp {
  url: string;
  store: Store;
  cache: PageCache;
  clock: ReturnType<typeof createManualClock>;
  mediaDir: string;
  recommender: Recommender;
  /** The beacon's buffer: `flush()` writes what the beacon took in. */
  signals: SignalBuffer;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  save(...stories: Story[]): Promise<void>;
}

/** A real Fastify server on port 0 over a SQLite file in a temp dir, closed after the test. */
export async function startSite(t: TestContext, options: { publicUrl?: string; timezone?: string } = {}): Promise<SiteTestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'lede-site-'));
  const mediaDir = join(dir, 'media');
  await mkdir(mediaDir);
  await copyMigratedSqlite(join(dir, 'lede.db'));
  const store = await openStore({ url: `sqlite:${join(dir, 'lede.db')}` });
  await store.migrate();
  const cache = createPageCache({ maxEntries: 500 });
  const clock = createManualClock(now);
  const app = Fastify({ logger: false });
  const recommender = createRecommender({ store, clock });
  // A long interval: tests flush when they want the beacon's hits written.
  const signals = createSignalBuffer({ store, flushMs: 60_000 });
  await app.register(siteRoutes, {
    store,
    cache,
    clock,
    recommender,
    signals,
    config: { publicUrl: options.publicUrl ?? 'https://news.example', timezone: options.timezone ?? 'Europe/London', mediaDir },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(async () => {
    await app.close();
    await signals.close();
    recommender.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await seedSite(store, mediaDir);
  return {
    url: address,
    store,
    cache,
    clock,
    mediaDir,
    recommender,
    signals,
    get: (path, headers = {}) => fetch(`${address}${path}`, { headers, redirect: 'manual' }),
    save: async (...stories) => {
      await store.transaction(async (tx) => {
        for (const s of stories) await putStory(tx, s);
      });
      await recommender.settle();
    },
  };
}

async function seedSite(store: Store, mediaDir: string): Promise<void> {
  await store.settings.set('site', { name: 'The Daily Lede', description: 'News from home and abroad.' });
  await store.settings.set('callouts', [
    { text: 'Join our Telegram channel', href: 'https://t.me/thedailylede', afterParagraph: 2, every: 4 },
  ]);
  await store.sections.upsert({ slug: 'world', name: 'World', position: 1, subjects: [] });
  await store.sections.upsert({ slug: 'sport', name: 'Sport', position: 2, subjects: [] });
  await store.sources.upsert({
    slug: 'mpa',
    name: 'Meridian Press Agency',
    shortName: 'MPA',
    kind: 'agency',
    copyrightholder: 'Meridian Press Agency',
    usageNotice: 'All material from MPA is protected by copyright.',
    photoCredit: 'MPA',
    publishRule: 'auto',
  });
  await store.authors.upsert({ slug: 'amara-okafor', name: 'Amara Okafor', role: 'Foreign correspondent', avatarMediaId: 'avatar-1' });
  await store.media.upsert({ id: 'photo-1', contentType: 'image/jpeg', width: 1200, height: 800, path: 'photo-1.jpg' });
  await writeFile(join(mediaDir, 'photo-1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
}

const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of the story.</p>`).join('');

/** A full wire story: hero, authors, tags, correction, rights; published one hour before `now`. */
export function wireStory(overrides: StoryOverrides = {}): Story {
  return makeStory({
    section: 'world',
    headline: 'Talks on the Sarin river resume',
    subheadline: 'Negotiators meet in Geneva',
    standfirst: 'Delegates from both countries returned to the table on Friday.',
    slug: 'talks-on-the-sarin-river-resume',
    bodyHtml: paragraphs(7),
    publishedAt: '2026-01-10T11:00:00.000Z',
    firstcreated: '2026-01-10T11:00:00.000Z',
    versioncreated: '2026-01-10T11:30:00.000Z',
    dateline: 'GENEVA, Jan 10 (MPA)',
    tags: ['Diplomacy', 'Water'],
    authorSlugs: ['amara-okafor', 'not-in-the-store'],
    byline: 'Amara Okafor',
    urgency: 3,
    hero: {
      mediaId: 'photo-1',
      width: 1200,
      height: 800,
      caption: 'Delegates arrive in Geneva.',
      photographer: 'Jane Roe',
      creditSource: 'MPA',
    },
    copyrightnotice: '© 2026 Meridian Press Agency',
    usageterms: 'Editorial use only.',
    corrections: [{ at: '2026-01-10T11:30:00.000Z', text: 'An earlier version misspelt the river.' }],
    ...overrides,
  });
}
