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
    assert.match(page, /<img src="\/media\/photo-1" width="1200" height="800" alt="Delegates arrive in Geneva\." loading="lazy"/);
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

  it('puts call-outs after paragraph 2 and every 4th after, and no empty Read also placeholder', async (t) => {
    const site = await startSite(t);
    await site.save(wireStory());
    const body = (await (await site.get(path)).text()).split('<div class="body">')[1]?.split('</div>')[0] ?? '';
    const callout = '<aside class="callout"><a href="https://t.me/thedailylede">Join our Telegram channel</a></aside>';
    assert.ok(body.includes(`Paragraph 2 of the story.</p>${callout}<p>Paragraph 3`));
    assert.ok(body.includes(`Paragraph 6 of the story.</p>${callout}<p>Paragraph 7`));
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
