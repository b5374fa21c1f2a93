import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { within } from '../helpers/surfaces.js';

const run = promisify(execFile);
const bin = new URL('../../bin/lede.js', import.meta.url).pathname;

describe('a change written by another process', () => {
  let t: TestApp;
  let articleUrl: string;
  const uri = 'urn:lede-demo:nordwire:014';

  before(async () => {
    t = await startTestApp({ demo: true });
    const story = await t.store.stories.findByUri('nordwire', uri);
    assert.ok(story, 'demo story 014 is loaded');
    const home = await (await fetch(`${t.base}/`)).text();
    const path = home.match(/href="(\/politics\/\d{4}\/\d{2}\/\d{2}\/skaerholm[^"]+)"/)?.[1];
    assert.ok(path, 'home links the story');
    articleUrl = `${t.base}${path}`;
  });
  after(() => t.close());

  const ingestFromCli = async (name: string, item: object) => {
    const file = join(t.config.dataDir, name);
    await writeFile(file, JSON.stringify(item));
    await run(process.execPath, [bin, 'ingest', '--source', 'nordwire', file], {
      env: { PATH: process.env.PATH, LEDE_DATA_DIR: t.config.dataDir },
    });
  };

  /**
   * The fewest queries the store ran while `request` did, over a few tries: the server's
   * background jobs (scheduler, outbox worker) query on their own clock, and on a busy machine
   * one of their ticks can fall inside a request. A request that queries shows it every time.
   */
  const fewestQueriesDuring = async (request: () => Promise<void>) => {
    let fewest = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 5 && fewest > 0; attempt++) {
      const before = t.store.stats.queries;
      await request();
      fewest = Math.min(fewest, t.store.stats.queries - before);
    }
    return fewest;
  };

  it('serves a repeated page from memory without a database query, and answers 304 to its ETag', async () => {
    const first = await fetch(articleUrl);
    assert.equal(first.status, 200);
    const body = await first.text();
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await fewestQueriesDuring(async () => {
      const second = await fetch(articleUrl);
      assert.equal(await second.text(), body);
    });
    assert.equal(again, 0, 'queries for a repeated page');
    const revalidated = await fewestQueriesDuring(async () => {
      const response = await fetch(articleUrl, { headers: { 'if-none-match': etag } });
      assert.equal(response.status, 304);
    });
    assert.equal(revalidated, 0, 'queries for a revalidation');
  });

  it('shows an update from the lede CLI on the home page within 2 seconds', async () => {
    await (await fetch(`${t.base}/`)).text();
    await ingestFromCli('update.json', {
      uri,
      version: '2',
      type: 'text',
      pubstatus: 'usable',
      language: 'en',
      versioncreated: new Date().toISOString(),
      headlines: [{ role: 'main', value: 'Skærholm election date moved to March' }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>The vote will now be held in March.</p>' }],
      subjects: [{ literal: 'nw:POLITIKK' }],
    });
    const took = await within(2000, async () =>
      (await (await fetch(`${t.base}/`)).text()).includes('Skærholm election date moved to March'),
    );
    assert.ok(took < 2000);
    // The old address now redirects to the story's new slug.
    const old = await fetch(articleUrl, { redirect: 'manual' });
    assert.equal(old.status, 301);
    assert.match(old.headers.get('location') ?? '', /skaerholm-election-date-moved-to-march$/);
  });

  it('takes a story killed from the lede CLI off its page and search within 2 seconds', async () => {
    const newUrl = `${t.base}${(await fetch(articleUrl, { redirect: 'manual' })).headers.get('location')}`;
    assert.equal((await fetch(newUrl)).status, 200);
    assert.match(await (await fetch(`${t.base}/search?q=Skærholm`)).text(), /moved to March/);
    await ingestFromCli('kill.json', { uri, version: '3', pubstatus: 'canceled', versioncreated: new Date().toISOString() });
    // Page, search and home each within 2 s: one may show it before another (a page nobody had
    // cached reads the database at once, a cached one waits for this process to read the event).
    const killedAt = Date.now();
    const left = () => 2000 - (Date.now() - killedAt);
    const text = async (path: string) => (await fetch(`${t.base}${path}`)).text();
    await within(left(), async () => (await fetch(newUrl)).status === 410);
    await within(left(), async () => !/moved to March/.test(await text('/search?q=Skærholm')));
    await within(left(), async () => !/moved to March/.test(await text('/')));
  });
});
