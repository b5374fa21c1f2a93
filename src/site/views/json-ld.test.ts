import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeStory } from '../../../test/helpers/stories.js';
import { jsonLdScript, newsArticleJsonLd, photoCreditText } from './json-ld.js';

const story = makeStory({
  id: 's1',
  sourceId: 'mpa',
  headline: 'Talks </script><script>alert(1)</script> resume',
  language: 'fr',
  firstcreated: '2026-01-10T09:00:00Z',
  publishedAt: '2026-01-10T10:00:00Z',
  versioncreated: '2026-01-10T11:00:00Z',
  tags: ['Diplomacy'],
  authorSlugs: ['amara-okafor'],
  corrections: [{ at: '2026-01-10T11:00:00Z', text: 'An earlier version misspelt a name.' }],
  hero: { mediaId: 'm1', width: 1200, height: 800, caption: 'Delegates', photographer: 'Jane Roe', creditSource: 'MPA' },
});

describe('jsonLdScript', () => {
  it('wraps the JSON in an ld+json script', () => {
    assert.equal(jsonLdScript({ x: '<' }).toString(), '<script type="application/ld+json">{"x":"\\u003c"}</script>');
  });
});

describe('newsArticleJsonLd', () => {
  const ld = newsArticleJsonLd({
    story,
    authors: [{ slug: 'amara-okafor', name: 'Amara Okafor' }],
    canonicalUrl: 'https://news.example/world/2026/01/10/talks',
    publicUrl: 'https://news.example/',
    publisher: { name: 'The Daily Lede', logoUrl: 'https://news.example/assets/logo.svg' },
  });

  it('describes the article, its authors, publisher and picture', () => {
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.datePublished, '2026-01-10T10:00:00Z');
    assert.equal(ld.dateModified, '2026-01-10T11:00:00Z');
    assert.equal(ld.inLanguage, 'fr');
    assert.equal(ld.isAccessibleForFree, true);
    assert.deepEqual(ld.author, [{ '@type': 'Person', name: 'Amara Okafor', url: 'https://news.example/author/amara-okafor' }]);
    assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': 'https://news.example/world/2026/01/10/talks' });
    assert.deepEqual((ld.publisher as { logo: unknown }).logo, { '@type': 'ImageObject', url: 'https://news.example/assets/logo.svg' });
    assert.deepEqual(ld.image, [
      {
        '@type': 'ImageObject',
        url: 'https://news.example/media/m1',
        width: 1200,
        height: 800,
        caption: 'Delegates',
        creditText: 'Jane Roe / MPA',
        copyrightNotice: 'MPA',
      },
    ]);
  });

  it('lists corrections as CorrectionComment items', () => {
    assert.deepEqual(ld.correction, [
      { '@type': 'CorrectionComment', text: 'An earlier version misspelt a name.', datePublished: '2026-01-10T11:00:00Z' },
    ]);
  });
});

describe('photoCreditText', () => {
  it('joins photographer and agency, or uses either alone', () => {
    assert.equal(photoCreditText('Jane Roe', 'AFP'), 'Jane Roe / AFP');
    assert.equal(photoCreditText(undefined, 'AFP'), 'AFP');
    assert.equal(photoCreditText(' ', undefined), undefined);
  });
});
