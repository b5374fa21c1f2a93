import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { systemClock } from '../../src/core/clock.js';
import { htmlToText } from '../../src/core/text.js';
import { articlePath } from '../../src/core/urls.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices, demoDir } from '../../src/server/services.js';
import { openStore } from '../../src/store/open.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('the demo content', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ demo: true });
  });
  after(() => t.close());

  it('has at least 60 published stories of at least 250 words across at least 5 sections', async () => {
    const { stories, total } = await t.store.stories.listPublished({ limit: 500 });
    assert.ok(total >= 60, `${total} published stories`);
    assert.ok(new Set(stories.map((s) => s.section)).size >= 5);
    for (const story of stories) {
      const words = htmlToText(story.bodyHtml).split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 250, `${story.headline}: ${words} words`);
    }
  });

  it('comes from three agencies and an in-house desk, with authors who have avatars', async () => {
    const { stories } = await t.store.stories.listPublished({ limit: 500 });
    const sources = await t.store.sources.list();
    assert.equal(sources.filter((s) => s.kind === 'agency').length, 3);
    assert.equal(sources.filter((s) => s.kind === 'inhouse').length, 1);
    for (const source of sources)
      assert.ok(
        stories.some((s) => s.sourceId === source.slug),
        `${source.slug} has stories`,
      );
    const authors = await t.store.authors.list();
    assert.ok(authors.length >= 5);
    for (const author of authors) {
      const avatar = await t.store.media.findById(author.avatarMediaId ?? '');
      assert.ok(avatar, `${author.slug} has an avatar`);
      assert.equal((await fetch(`${t.base}/media/${avatar.id}`)).headers.get('content-type'), 'image/jpeg');
    }
    assert.ok(stories.filter((s) => s.hero).length >= 50, 'most stories have a hero photo');
  });

  it('is dated relative to the moment it was loaded', async () => {
    const { stories } = await t.store.stories.listPublished({ limit: 1 });
    const age = Date.now() - Date.parse(stories[0]!.publishedAt!);
    assert.ok(age >= 0 && age < 24 * 3600 * 1000, `newest story is ${age} ms old`);
  });

  it('includes an Arabic story shown right to left, an updated story with a correction, a killed and an embargoed story', async () => {
    const { stories } = await t.store.stories.listPublished({ limit: 500 });
    const arabic = stories.find((s) => s.language === 'ar');
    assert.ok(arabic);
    const page = await (await fetch(`${t.base}${articlePath(arabic)}`)).text();
    assert.match(page, /<html lang="ar" dir="rtl">/);
    const updated = stories.find((s) => s.version === '2');
    assert.ok(updated && updated.corrections.length === 1);
    assert.equal((await t.store.stories.history(updated.id)).length, 2);
    const killed = await t.store.stories.findByUri('ans', 'urn:lede-demo:ans:012');
    assert.equal(killed?.state, 'killed');
    assert.equal((await fetch(`${t.base}${articlePath(killed!)}`)).status, 410);
    const embargoed = await t.store.stories.findByUri('ans', 'urn:lede-demo:ans:064');
    assert.equal(embargoed?.state, 'embargoed');
    assert.equal((await fetch(`${t.base}${articlePath(embargoed!)}`)).status, 404);
  });

  it('shows each story in at most two blocks of the home page, in the site language only', async () => {
    const home = await (await fetch(`${t.base}/`)).text();
    const blocks = home.split(/<(?=aside class="breaking"|article class="lead-story|section class="block)/).slice(1);
    assert.ok(blocks.length >= 5, `${blocks.length} blocks`);
    const blocksOf = new Map<string, number>();
    for (const block of blocks) {
      for (const href of new Set([...block.matchAll(/href="(\/[a-z-]+\/\d{4}\/\d\d\/\d\d\/[^"]+)"/g)].map((m) => m[1] ?? ''))) {
        blocksOf.set(href, (blocksOf.get(href) ?? 0) + 1);
      }
    }
    const repeated = [...blocksOf].filter(([, n]) => n > 2);
    assert.deepEqual(repeated, [], 'no story link in more than two blocks');
    assert.ok(blocksOf.size >= 20, `${blocksOf.size} different stories on the home page`);
    const { stories } = await t.store.stories.listPublished({ limit: 500 });
    for (const foreign of stories.filter((s) => s.language !== 'en')) assert.ok(!blocksOf.has(articlePath(foreign)), foreign.headline);
  });

  it('shows agency copy with the author block of the desk editor who handled it, the agency as its source', async () => {
    const home = await (await fetch(`${t.base}/`)).text();
    const links = [...new Set([...home.matchAll(/href="(\/[a-z-]+\/\d{4}\/\d\d\/\d\d\/[^"]+)"/g)].map((m) => m[1] ?? ''))];
    const agencies = (await t.store.sources.list()).filter((s) => s.kind === 'agency');
    let agencyStories = 0;
    const withAuthor: string[] = [];
    for (const link of links) {
      const page = await (await fetch(`${t.base}${link}`)).text();
      const agency = agencies.find((a) => page.includes(`<p class="source">Source: <a href="/source/${a.slug}">${a.name}</a></p>`));
      if (!agency) continue;
      agencyStories++;
      const block = page.match(/<section class="authors"[\s\S]*?<\/section>/)?.[0] ?? '';
      const author = block.match(/<a href="\/author\/([a-z-]+)">([^<]+)<\/a>/);
      if (!author || !/<img class="avatar"[^>]* src="\/media\//.test(block)) continue;
      const ld = JSON.parse(page.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '{}');
      assert.deepEqual(
        ld.author,
        [
          { '@type': 'Person', name: author[2], url: `http://news.example.test/author/${author[1]}` },
          { '@type': 'Organization', name: agency.name },
        ],
        `${link}: the person and the agency named apart`,
      );
      withAuthor.push(link);
    }
    assert.ok(agencyStories >= 8, `${agencyStories} agency stories on the home page`);
    assert.ok(withAuthor.length >= agencyStories * 0.75, `${withAuthor.length} of ${agencyStories} agency stories have an author block`);
  });
});

/**
 * The demo's configuration with only its first three wire files, in `dir/demo`: the loader's
 * own rules do not need the whole set (the suite above reads the whole set).
 */
async function copySmallDemo(dir: string): Promise<string> {
  const small = join(dir, 'demo');
  await mkdir(join(small, 'items'), { recursive: true });
  await cp(join(demoDir, 'config.json'), join(small, 'config.json'));
  const items = (await readdir(join(demoDir, 'items'))).filter((file) => !file.startsWith('.')).sort();
  for (const file of items.slice(0, 3)) await cp(join(demoDir, 'items', file), join(small, 'items', file));
  return small;
}

describe('loading the demo', () => {
  it('loads only once per database, by a marker row', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'lede-demo-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const config = loadConfig({ LEDE_DATA_DIR: join(dir, 'data') });
    const store = await openStore({ url: config.databaseUrl });
    t.after(() => store.close());
    await store.migrate();
    const logger = pino({ level: 'silent' });
    const services = createServices({ config, store, clock: systemClock, logger, demoDir: await copySmallDemo(dir) });
    const first = await services.seedDemoOnce();
    assert.equal(first?.stories, 3);
    const versions = await store.events.latestId();
    assert.equal(await services.seedDemoOnce(), undefined);
    assert.equal(await store.events.latestId(), versions);
  });

  it('reports a malformed demo file with its name and reason and loads the rest', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'lede-demo-bad-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await copySmallDemo(dir);
    await writeFile(join(dir, 'demo/items/000-broken.json'), '{"uri": "urn:x", "headlines": [');
    await writeFile(join(dir, 'demo/items/000-bad-status.json'), '{"uri": "urn:y", "pubstatus": "stat:killed"}');
    const config = loadConfig({ LEDE_DATA_DIR: join(dir, 'data') });
    const store = await openStore({ url: config.databaseUrl });
    t.after(() => store.close());
    await store.migrate();
    const services = createServices({ config, store, clock: systemClock, logger: pino({ level: 'silent' }), demoDir: join(dir, 'demo') });
    const result = await services.loadDemo();
    assert.deepEqual(
      result.failed.map((f) => f.file.split('/').pop()),
      ['000-bad-status.json', '000-broken.json'],
    );
    assert.match(result.failed[0]!.reason, /`pubstatus` "stat:killed" is not a known status/);
    assert.match(result.failed[1]!.reason, /not valid JSON/);
    assert.equal(result.stories, 3);
    assert.equal(await store.stories.count(), 3);
  });
});
