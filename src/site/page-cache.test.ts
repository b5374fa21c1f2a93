import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeStory, type StoryOverrides } from '../../test/helpers/stories.js';
import { tagsForStory } from '../core/cache-tags.js';
import type { Story } from '../core/story.js';
import { cacheEntryOf, createPageCache, type PageCacheEntry, surrogateKeysFor } from '../http/response-cache.js';
import type { StoryEvent } from '../store/types.js';
import { createCacheInvalidator } from './page-cache.js';

const entry = (tags: string[], body = 'x'): PageCacheEntry =>
  cacheEntryOf({ status: 200, body, contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60', tags }, new Date(0));

const story = (overrides: StoryOverrides = {}): Story =>
  makeStory({
    id: 's1',
    uri: 'urn:1',
    version: undefined,
    headline: 'H',
    bodyHtml: '<p>b</p>',
    firstcreated: '2026-01-10T10:00:00Z',
    versioncreated: '2026-01-10T10:00:00Z',
    publishedAt: undefined,
    tags: ['Climate Change'],
    authorSlugs: ['amara-okafor'],
    slug: 'h',
    contentHash: 'c',
    ninjs: { uri: 'urn:1', pubstatus: 'usable' },
    section: 'world',
    ...overrides,
  });

describe('createPageCache', () => {
  it('returns what was set and counts entries', () => {
    const cache = createPageCache({ maxEntries: 10 });
    cache.set('/a', entry(['list:home'], 'A'));
    assert.equal(cache.get('/a')?.body.toString(), 'A');
    assert.equal(cache.get('/b'), undefined);
    assert.equal(cache.size, 1);
  });

  it('removes every entry carrying any invalidated tag and nothing else', () => {
    const cache = createPageCache({ maxEntries: 10 });
    cache.set('/', entry(['list:home', 'story:1']));
    cache.set('/world/', entry(['list:section:world', 'story:2']));
    cache.set('/tag/x', entry(['list:tag:x', 'story:1']));
    cache.set('/search?q=a', entry(['search']));
    assert.equal(cache.invalidate(['story:1', 'search']), 3);
    assert.deepEqual(
      ['/', '/world/', '/tag/x', '/search?q=a'].map((k) => cache.get(k) !== undefined),
      [false, true, false, false],
    );
    assert.equal(cache.size, 1);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = createPageCache({ maxEntries: 2 });
    cache.set('/a', entry(['t:a']));
    cache.set('/b', entry(['t:b']));
    cache.get('/a');
    cache.set('/c', entry(['t:c']));
    assert.equal(cache.get('/b'), undefined);
    assert.ok(cache.get('/a'));
    assert.ok(cache.get('/c'));
    assert.equal(cache.invalidate(['t:b']), 0);
  });

  it('forgets the old tags when a key is replaced', () => {
    const cache = createPageCache({ maxEntries: 10 });
    cache.set('/a', entry(['story:1']));
    cache.set('/a', entry(['story:2'], 'new'));
    assert.equal(cache.invalidate(['story:1']), 0);
    assert.equal(cache.get('/a')?.body.toString(), 'new');
    assert.equal(cache.invalidate(['story:2']), 1);
  });

  it('bumps the generation on every invalidation', () => {
    const cache = createPageCache({ maxEntries: 10 });
    const before = cache.generation;
    cache.invalidate(['nothing']);
    assert.equal(cache.generation, before + 1);
  });

  it('keeps nothing when maxEntries is zero', () => {
    const cache = createPageCache({ maxEntries: 0 });
    cache.set('/a', entry(['x']));
    assert.equal(cache.size, 0);
  });
});

describe('surrogateKeysFor', () => {
  it('joins tags with spaces and replaces colons', () => {
    assert.equal(surrogateKeysFor(['story:1', 'list:section:world']), 'story-1 list-section-world');
  });
});

describe('tagsForStory', () => {
  it('lists the story, each of its lists, home and search', () => {
    assert.deepEqual(
      new Set(tagsForStory(story())),
      new Set([
        'story:s1',
        'list:home',
        'search',
        'list:source:mpa',
        'list:lang:en',
        'list:section:world',
        'list:tag:climate-change',
        'list:author:amara-okafor',
      ]),
    );
  });

  it('adds the breaking strip for urgency 1 and 2 only', () => {
    assert.ok(tagsForStory(story({ urgency: 2 })).includes('list:breaking'));
    assert.ok(!tagsForStory(story({ urgency: 3 })).includes('list:breaking'));
  });
});

describe('createCacheInvalidator', () => {
  const event = (storyId: string): StoryEvent => ({ id: 1, storyId, kind: 'kill', at: '2026-01-10T10:00:00Z' });

  it('invalidates the tags of each changed story', async () => {
    const cache = createPageCache({ maxEntries: 10 });
    cache.set('/world/', entry(['list:section:world']));
    cache.set('/politics/', entry(['list:section:politics']));
    const store = { stories: { findByIds: async (ids: string[]) => ids.map((id) => story({ id })) } };
    const tags = await createCacheInvalidator({ store: store as never, cache }).handle([event('s1'), event('s1')]);
    assert.ok(tags.includes('story:s1'));
    assert.equal(cache.get('/world/'), undefined);
    assert.ok(cache.get('/politics/'));
  });

  it('falls back to the story, home and search tags for an unknown story', async () => {
    const cache = createPageCache({ maxEntries: 10 });
    cache.set('/', entry(['list:home']));
    cache.set('/x', entry(['story:gone']));
    cache.set('/world/', entry(['list:section:world']));
    const store = { stories: { findByIds: async () => [] } };
    await createCacheInvalidator({ store: store as never, cache }).handle([event('gone')]);
    assert.equal(cache.size, 1);
    assert.ok(cache.get('/world/'));
  });
});
