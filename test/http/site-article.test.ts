import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugify } from '../../src/core/urls.js';
import { startSite, wireStory } from './site-app.js';

const path = '/world/2026/01/10/talks-on-the-sarin-river-resume';

describe('site article page', () => {
  it('renders the anatomy of a wire story', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ id: 'a1' }));
    const res = await site.get(path);
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<html lang="en" dir="ltr">/);
    assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(page, /<link rel="canonical" href="https:\/\/news\.example\/world\/2026\/01\/10\/talks-on-the-sarin-river-resume">/);
    assert.match(page, /<article class="article" lang="en" dir="ltr" data-story-id="a1">/);
    assert.match(page, /<p class="breadcrumb"><a href="\/world\/">World<\/a><\/p>/);
    assert.match(page, /<h1>Talks on the Sarin river resume<\/h1>/);
    assert.match(page, /<p class="standfirst">Delegates from both countries/);
    assert.match(page, /<figure class="hero">\n<picture><source type="image\/avif" srcset="\/media\/photo-1\/r1-320\.avif 320w, [^"]*"/);
    assert.match(
      page,
      /<img src="\/media\/photo-1\/r1-640\.jpg" srcset="[^"]*" sizes="[^"]*" width="1200" height="800" alt="Delegates arrive in Geneva\." loading="eager" fetchpriority="high">/,
    );
    assert.match(page, /<figcaption>Delegates arrive in Geneva\. <span class="credit">Photo: Jane Roe \/ MPA<\/span><\/figcaption>/);
    assert.match(page, /<p class="source">Source: <a href="\/source\/mpa">Meridian Press Agency<\/a><\/p>/);
    assert.match(page, /Published <time datetime="2026-01-10T11:00:00.000Z">10 January 2026 at 11:00 GMT<\/time>/);
    assert.match(page, /Updated <time datetime="2026-01-10T11:30:00.000Z">/);
    assert.match(page, /<aside class="corrections">[\s\S]*An earlier version misspelt the river\.[\s\S]*<\/aside>/);
    assert.match(
      page,
      /<section class="authors"[\s\S]*<img class="avatar" src="\/media\/avatar-1" width="64" height="64" alt=""[\s\S]*<a href="\/author\/amara-okafor">Amara Okafor<\/a>[\s\S]*Foreign correspondent/,
    );
    assert.match(page, /<a href="\/tag\/diplomacy">Diplomacy<\/a>/);
    assert.match(
      page,
      /<footer class="rights"><p>© 2026 Meridian Press Agency<\/p><p>All material from MPA is protected by copyright\.<\/p><p>Editorial use only\.<\/p><\/footer>/,
    );
    for (const img of page.match(/<img [^>]*>/g) ?? []) assert.match(img, / width="\d+" height="\d+"/, img);
  });

  it('puts the call-out after paragraph 2 (once), and no empty Read also placeholder', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory());
    const body = (await (await site.get(path)).text()).split('<div class="body">')[1]?.split('</div>')[0] ?? '';
    const callout = '<aside class="callout"><a href="https://t.me/thedailylede">Join our Telegram channel</a></aside>';
    assert.ok(body.includes(`Paragraph 2 of the story.</p>${callout}<p>Paragraph 3`));
    assert.equal(body.split(callout).length, 2, 'one call-out never shows twice on a page');
    assert.ok(!body.includes('read-also'));
    assert.ok(body.trim().endsWith('Paragraph 7 of the story.</p>'));
  });

  it('describes the story in NewsArticle JSON-LD that cannot break out of its script', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ headline: 'Talks </script><script>alert(1)</script> resume', slug: 'talks-on-the-sarin-river-resume' }));
    const page = await (await site.get(path)).text();
    assert.ok(!page.includes('<script>alert(1)'));
    const json = page.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '';
    const ld = JSON.parse(json);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, 'Talks </script><script>alert(1)</script> resume');
    assert.equal(ld.isAccessibleForFree, true);
    assert.equal(ld.inLanguage, 'en');
    assert.equal(ld.author[0].url, 'https://news.example/author/amara-okafor');
    assert.equal(ld.publisher.name, 'The Daily Lede');
    assert.match(ld.publisher.logo.url, /^https:\/\/news\.example\/assets\/logo\.[0-9a-f]+\.svg$/);
    assert.deepEqual(ld.image[0].creditText, 'Jane Roe / MPA');
    assert.equal(ld.correction[0]['@type'], 'CorrectionComment');
    assert.equal(ld.mainEntityOfPage['@id'], `https://news.example${path}`);
  });

  it('sets lang and dir from the story language on html and article, keeping the site chrome in its own', async (t) => {
    const site = await startSite(t);
    const headline = 'محادثات حول نهر سارين';
    await site.save(wireStory({ language: 'ar', headline, slug: slugify(headline) }));
    const res = await site.get(`/world/2026/01/10/${encodeURIComponent(slugify(headline))}`);
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.match(page, /<article class="article" lang="ar" dir="rtl"/);
    assert.match(page, /<header class="site-header" lang="en" dir="ltr">/);
    assert.match(page, /<div class="meta" lang="en" dir="ltr">/, 'the English meta line is marked as such');
    assert.match(page, /<span class="credit">صورة: Jane Roe \/ MPA<\/span>/, 'the photo label in Arabic');
    assert.match(page, /<aside class="callout" lang="en" dir="ltr">/, 'the English call-out has its own lang and dir');
    assert.match(page, /<footer class="rights"><p lang="en" dir="ltr">© 2026 Meridian Press Agency<\/p>/);
  });

  it('leads into the first paragraph with the dateline, without a dangling dash', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ dateline: 'SAN AURELIO, Chile (MPA) -' }));
    const page = await (await site.get(path)).text();
    assert.match(
      page,
      /<div class="body">\s*<p><span class="dateline">SAN AURELIO, Chile \(MPA\)<\/span> – Paragraph 1 of the story\.<\/p>/,
    );
    assert.ok(!page.includes('<p class="dateline">'));
  });

  it('follows one byline rule: names at the top (linked when known), the agency as the source, people and organisation apart in JSON-LD', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ id: 'w1', authorSlugs: [], byline: 'By Rizky Pratama, MPA' }));
    const wire = await (await site.get(path)).text();
    assert.match(wire, /<p class="byline">By Rizky Pratama<\/p>/);
    const ld = JSON.parse(wire.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '{}');
    assert.deepEqual(ld.author, [
      { '@type': 'Person', name: 'Rizky Pratama' },
      { '@type': 'Organization', name: 'Meridian Press Agency' },
    ]);
    await site.save(wireStory({ id: 'w1', authorSlugs: ['amara-okafor'], byline: 'By Rizky Pratama, MPA', version: '2' }));
    site.cache.clear();
    const staff = await (await site.get(path)).text();
    assert.match(
      staff,
      /<p class="byline">By <a href="\/author\/amara-okafor" rel="author">Amara Okafor<\/a><\/p>/,
      'the byline at the top',
    );
    assert.match(staff, /<section class="authors"[^>]*>[\s\S]*<img class="avatar"/, 'and the author block with avatar below');
    assert.match(staff, /<p class="source">Source: <a href="\/source\/mpa">Meridian Press Agency<\/a><\/p>/);
  });

  it('carries share links, "More from" its section and a BreadcrumbList', async (t) => {
    const site = await startSite(t);
    await site.save(
      wireStory(),
      wireStory({ id: 'other', headline: 'Harbour reopens', slug: 'harbour-reopens', publishedAt: '2026-01-10T10:00:00.000Z' }),
      wireStory({ id: 'fr', language: 'fr', headline: 'Le port rouvre', slug: 'le-port-rouvre', publishedAt: '2026-01-10T10:30:00.000Z' }),
    );
    const page = await (await site.get(path)).text();
    const url = encodeURIComponent(`https://news.example${path}`);
    for (const href of [
      `https://www.facebook.com/sharer/sharer.php?u=${url}`,
      `https://wa.me/?text=Talks%20on%20the%20Sarin%20river%20resume%20${url}`,
      `https://t.me/share/url?url=${url}&amp;text=Talks%20on%20the%20Sarin%20river%20resume`,
      `mailto:?subject=Talks%20on%20the%20Sarin%20river%20resume&amp;body=${url}`,
    ]) {
      assert.ok(page.includes(`href="${href}"`), href);
    }
    assert.match(
      page,
      /<button type="button" class="share-link share-native"[^>]* hidden>/,
      'the native share button waits for the script',
    );
    const more = page.split('<h2 id="more-from-title">More from World</h2>')[1]?.split('</section>')[0] ?? '';
    assert.ok(more.includes('Harbour reopens'), "the section's other story");
    assert.ok(!more.includes('Talks on the Sarin river resume') && !more.includes('Le port rouvre'), 'not itself, not another language');
    const lds = [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1] ?? '{}'));
    const crumbs = lds.find((ld) => ld['@type'] === 'BreadcrumbList');
    assert.deepEqual(
      crumbs?.itemListElement.map((i: { name: string; item: string }) => [i.name, i.item]),
      [
        ['The Daily Lede', 'https://news.example/'],
        ['World', 'https://news.example/world/'],
        ['Talks on the Sarin river resume', `https://news.example${path}`],
      ],
    );
    const home = await (await site.get('/')).text();
    const website = [...home.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1] ?? '{}'));
    assert.equal(website[0]?.['@type'], 'WebSite');
    assert.equal(website[0]?.potentialAction.target.urlTemplate, 'https://news.example/search?q={search_term_string}');
    const section = await (await site.get('/world/')).text();
    const collection = JSON.parse(section.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '{}');
    assert.equal(collection['@type'], 'CollectionPage');
    assert.equal(collection.mainEntity.itemListElement.length, 2);
  });

  it('shows the plain byline when no author matched', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ authorSlugs: ['nobody'], byline: 'By Staff Reporter' }));
    const page = await (await site.get(path)).text();
    assert.match(page, /<p class="byline">By Staff Reporter<\/p>/);
    assert.ok(!page.includes('class="authors"'));
  });

  it('answers 301 to the current address for a former slug or a wrong date', async (t) => {
    const site = await startSite(t);
    const story = wireStory({ slug: 'old-words' });
    await site.save(story);
    await site.save({ ...story, slug: 'talks-on-the-sarin-river-resume' });
    for (const from of ['/world/2026/01/10/old-words', '/sport/2026/01/09/talks-on-the-sarin-river-resume']) {
      const res = await site.get(from);
      assert.equal(res.status, 301, from);
      assert.equal(res.headers.get('location'), path);
    }
  });

  it('answers 410 for a killed story, without stale-while-revalidate', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ state: 'killed', pubstatus: 'canceled' }));
    const res = await site.get(path);
    assert.equal(res.status, 410);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    const page = await res.text();
    assert.match(page, /This story was withdrawn/);
    assert.match(page, /<a href="\/">/);
  });

  it('answers 404 for a withheld or embargoed story, and for an unknown slug', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory({ state: 'embargoed', slug: 'a' }), wireStory({ state: 'withheld', slug: 'b' }));
    for (const slug of ['a', 'b', 'never']) {
      const res = await site.get(`/world/2026/01/10/${slug}`);
      assert.equal(res.status, 404, slug);
      assert.match(await res.text(), /Page not found/);
    }
  });

  it('escapes text from the wire everywhere', async (t) => {
    const site = await startSite(t);
    await site.save(
      wireStory({
        standfirst: '<img src=x onerror=alert(1)>',
        hero: { mediaId: 'photo-1', width: 10, height: 10, caption: '"><script>x</script>' },
      }),
    );
    const page = await (await site.get(path)).text();
    assert.ok(!page.includes('<img src=x'));
    assert.ok(!page.includes('<script>x</script>'));
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
