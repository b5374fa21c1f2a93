import type { Story } from '../../src/core/story.js';

let counter = 0;

/** A published story with sensible defaults; override what the test is about. */
export function makeStory(overrides: Partial<Story> = {}): Story {
  counter++;
  const id = overrides.id ?? `story-${counter}`;
  const at = overrides.publishedAt ?? new Date(Date.UTC(2026, 0, 1, 0, counter)).toISOString();
  return {
    id,
    sourceId: 'mpa',
    uri: `urn:test:${id}`,
    version: '1',
    state: 'published',
    pubstatus: 'usable',
    headline: `Headline ${id}`,
    bodyHtml: '<p>Plain body text about nothing in particular.</p>',
    language: 'en',
    firstcreated: at,
    versioncreated: at,
    publishedAt: at,
    tags: [],
    authorSlugs: [],
    corrections: [],
    slug: `headline-${id}`,
    contentHash: `hash-${id}`,
    ninjs: { uri: `urn:test:${id}`, pubstatus: 'usable' },
    ...overrides,
  };
}
