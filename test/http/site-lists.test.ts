import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeStory } from '../helpers/stories.js';
import { startSite, wireStory } from './site-app.js';

const at = (minutesAgo: number) => new Date(Date.parse('2026-01-10T12:00:00Z') - minutesAgo * 60_000).toISOString();

describe('site home page', () => {
  it('has a lead, Latest, section blocks, Most read and the Recommended slot', async (t) => {
    const site = await startSite(t);
    const lead = wireStory({ id: 'lead', publishedAt: at(30) });
    const newer = makeStory({ id: 'newer', section: 'sport', headline: 'Cup final tonight', publishedAt: at(5) });
    const older = makeStory({ id: 'older', section: 'sport', headline: 'Coach named', publishedAt: at(50) });
    await site.save(lead, newer, older);
    await site.store.signals.recordViews([{ storyId: 'newer', visitor: 'v1', at: new Date('2026-01-10T11:00:00Z'), isProfiled: false }]);
    const page = await (await site.get('/')).text();
    assert.match(page, /<article class="lead-story wide">[\s\S]*Talks on the Sarin river resume[\s\S]*<\/article>/);
    assert.match(page, /<h2 id="latest-title">Latest<\/h2>[\s\S]*Cup final tonight/);
    assert.match(
      page,
      /<section class="block" aria-labelledby="most-read-title" data-slot="most-read" data-items="newer">\s*<h2 id="most-read-title">Most read<\/h2>\s*<ol class="ranked"><li><a href="\/sport\/2026\/01\/10\/headline-newer">/,
    );
    assert.match(page, /<a href="\/world\/">World<\/a><\/h2>/);
    const sport = page.split('<a href="/sport/">Sport</a></h2>')[1]?.split('</section>')[0] ?? '';
    assert.ok(
      sport.includes('Coach named') && !sport.includes('Cup final tonight'),
      'a story already in two blocks (Latest, Most read) is not in a third',
    );
    assert.ok(page.indexOf('href="/world/">World</a></h2>') < page.indexOf('href="/sport/">Sport</a></h2>'));
    assert.match(page, /<section id="for-you" class="block wide" aria-labelledby="for-you-title" data-fragment="\/fragments\/for-you"/);
    assert.match(page, /<script src="\/assets\/site\.[0-9a-f]+\.js" defer><\/script>/);
    assert.match(page, /<a class="skip-link" href="#main">/);
  });

  it('lists urgent stories of the last 24 hours in the breaking strip', async (t) => {
    const site = await startSite(t);
    await site.save(
      makeStory({ id: 'flash', headline: 'Flash news', urgency: 1, publishedAt: at(60) }),
      makeStory({ id: 'old-flash', headline: 'Yesterday flash', urgency: 1, publishedAt: at(25 * 60) }),
      makeStory({ id: 'routine', headline: 'Routine news', urgency: 4, publishedAt: at(10) }),
    );
    const strip = (await (await site.get('/')).text()).match(/<aside class="breaking"[\s\S]*?<\/aside>/)?.[0] ?? '';
    assert.match(strip, /Flash news/);
    assert.doesNotMatch(strip, /Yesterday flash|Routine news/);
  });
});

describe('site list pages', () => {
  it('paginates 20 stories a page with rel prev and next', async (t) => {
    const site = await startSite(t);
    await site.save(...Array.from({ length: 45 }, (_, i) => makeStory({ section: 'world', publishedAt: at(i + 1) })));
    const first = await (await site.get('/world/')).text();
    assert.equal(first.match(/<li class="teaser">/g)?.length, 20);
    assert.match(first, /<link rel="next" href="\/world\/\?page=2">/);
    assert.doesNotMatch(first, /rel="prev"/);
    const second = await (await site.get('/world/?page=2')).text();
    assert.match(second, /<link rel="prev" href="\/world\/">/);
    assert.match(second, /<link rel="next" href="\/world\/\?page=3">/);
    assert.match(second, /<link rel="canonical" href="https:\/\/news\.example\/world\/\?page=2">/);
    assert.equal((await (await site.get('/world/?page=3')).text()).match(/<li class="teaser">/g)?.length, 5);
    assert.equal((await site.get('/world/?page=4')).status, 404);
    for (const bad of ['0', 'abc', '-1', '1.5']) assert.equal((await site.get(`/world/?page=${bad}`)).status, 400, bad);
  });

  it('shows page 1 of an empty list and 404 for an unknown section', async (t) => {
    const site = await startSite(t);
    const empty = await site.get('/sport/');
    assert.equal(empty.status, 200);
    assert.match(await empty.text(), /No stories yet/);
    assert.equal((await site.get('/weather/')).status, 404);
  });

  it('redirects a section address without its trailing slash', async (t) => {
    const site = await startSite(t);
    const res = await site.get('/world');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/world/');
  });

  it('lists stories by tag, author and source, and 404s unknown ones', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ id: 's1' }));
    const pages: Array<[string, RegExp]> = [
      ['/tag/water', /<h1 class="page-title">Water<\/h1>/],
      ['/author/amara-okafor', /<h1 class="page-title">Amara Okafor<\/h1>[\s\S]*Foreign correspondent/],
      ['/source/mpa', /<h1 class="page-title">Meridian Press Agency<\/h1>/],
    ];
    for (const [url, heading] of pages) {
      const page = await (await site.get(url)).text();
      assert.match(page, heading, url);
      assert.match(page, /Talks on the Sarin river resume/, url);
    }
    for (const url of ['/tag/nothing', '/author/nobody', '/source/nowhere']) assert.equal((await site.get(url)).status, 404, url);
  });
});

describe('site search page', () => {
  it('shows the form alone for an empty query', async (t) => {
    const site = await startSite(t);
    const page = await (await site.get('/search?q=')).text();
    assert.match(page, /<input id="search-q" type="search" name="q" value="">/);
    assert.doesNotMatch(page, /class="results"/);
  });

  it('lists hits with their highlighted snippets and tags the page for purges', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ id: 's1' }));
    const res = await site.get('/search?q=Sarin');
    assert.ok(res.headers.get('surrogate-key')?.split(' ').includes('search'));
    const page = await res.text();
    assert.match(page, /<mark>Sarin<\/mark>/);
    assert.match(page, /<a href="\/world\/2026\/01\/10\/talks-on-the-sarin-river-resume">/);
    assert.match(page, /<meta name="robots" content="noindex">/);
    assert.match(await (await site.get('/search?q=%3Cb%3Enothing')).text(), /No stories match “&lt;b&gt;nothing”/);
  });
});
