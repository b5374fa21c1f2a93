import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articlePath, feedPath, slugify, tagPath, withPage } from './urls.js';

describe('slugify', () => {
  it('transliterates Latin letters to ASCII', () => {
    assert.equal(slugify('Skærholm premier calls snap élection — “now”'), 'skaerholm-premier-calls-snap-election-now');
    assert.equal(slugify('Straße in Øst'), 'strasse-in-ost');
  });

  it('keeps letters of other scripts', () => {
    assert.equal(slugify('معرض بيروت للكتاب'), 'معرض-بيروت-للكتاب');
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(40), 30);
    assert.ok(slug.length <= 30);
    assert.ok(!slug.endsWith('-'));
  });
});

describe('articlePath', () => {
  it('builds /{section}/{yyyy}/{mm}/{dd}/{slug} from the first publication, in UTC', () => {
    assert.equal(
      articlePath({ section: 'world', slug: 'a-b', publishedAt: '2026-01-09T23:30:00Z', firstcreated: '2026-01-01T00:00:00Z' }),
      '/world/2026/01/09/a-b',
    );
  });

  it('percent-encodes non-Latin slugs', () => {
    assert.equal(
      articlePath({ section: 'culture', slug: 'بيروت', firstcreated: '2026-01-09T10:00:00Z' }),
      `/culture/2026/01/09/${encodeURIComponent('بيروت')}`,
    );
  });
});

describe('list and feed paths', () => {
  it('builds tag, feed and page URLs', () => {
    assert.equal(tagPath('Winter Sports'), '/tag/winter-sports');
    assert.equal(feedPath('rss'), '/feed.xml');
    assert.equal(feedPath('atom', '/world/'), '/world/atom.xml');
    assert.equal(withPage('/tag/x', 1), '/tag/x');
    assert.equal(withPage('/search?q=a', 2), '/search?q=a&page=2');
  });
});
