import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeStory } from '../helpers/stories.js';
import { startSite } from './site-app.js';

const at = (minutesAgo: number) => new Date(Date.parse('2026-01-10T12:00:00.000Z') - minutesAgo * 60_000).toISOString();

describe('the site language and /lang/{tag}/', () => {
  it('keeps other languages off the home page, sections, and the breaking strip, and lists them at /lang/{tag}/', async (t) => {
    const site = await startSite(t);
    const english = makeStory({ id: 'en1', headline: 'Harbour reopens after storm', section: 'world', publishedAt: at(30) });
    const french = makeStory({
      id: 'fr1',
      language: 'fr',
      headline: 'Le port rouvre après la tempête',
      section: 'world',
      urgency: 1,
      publishedAt: at(10),
    });
    const canadian = makeStory({ id: 'fr2', language: 'fr-CA', headline: 'Québec vote son budget', section: 'world', publishedAt: at(20) });
    const arabic = makeStory({ id: 'ar1', language: 'ar', headline: 'افتتاح معرض الكتاب في بيروت', section: 'world', publishedAt: at(5) });
    await site.save(english, french, canadian, arabic);

    const home = await (await site.get('/')).text();
    assert.ok(home.includes('Harbour reopens after storm'));
    for (const foreign of [french, canadian, arabic]) {
      assert.ok(!home.includes(foreign.headline), `the English home page leaves out "${foreign.headline}"`);
    }
    assert.match(home, /<a href="\/lang\/fr\/" hreflang="fr" lang="fr" dir="ltr">français<\/a>/);
    assert.match(home, /<a href="\/lang\/ar\/" hreflang="ar" lang="ar" dir="rtl">العربية<\/a>/);
    assert.match(home, /<link rel="alternate" hreflang="en" href="https:\/\/news\.example\/">/);
    assert.match(home, /<link rel="alternate" hreflang="fr" href="https:\/\/news\.example\/lang\/fr\/">/);

    const section = await (await site.get('/world/')).text();
    assert.ok(section.includes(english.headline) && !section.includes(french.headline));

    const fr = await site.get('/lang/fr/');
    assert.equal(fr.status, 200);
    const frHtml = await fr.text();
    assert.ok(frHtml.includes(french.headline) && frHtml.includes(canadian.headline), 'fr and fr-CA');
    assert.ok(!frHtml.includes(english.headline) && !frHtml.includes(arabic.headline));
    assert.match(frHtml, /<h1 class="page-title">français<\/h1>/);
    assert.match(frHtml, /hreflang="ar" href="https:\/\/news\.example\/lang\/ar\/"/);
    assert.match(frHtml, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/lang\/fr\/feed\.xml"/);

    assert.equal((await site.get('/lang/en/')).status, 301, "the site's own language is the home page");
    assert.equal((await site.get('/lang/de/')).status, 404, 'no story in German');
    assert.equal((await site.get('/lang/x%3Cy/')).status, 404);
  });
});
