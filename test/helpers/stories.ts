import type { Story } from '../../src/core/story.js';
import { sanitized } from './body.js';

let counter = 0;

/** What a test sets on a story: any field, the body as a plain string. */
export type StoryOverrides = Omit<Partial<Story>, 'bodyHtml'> & { bodyHtml?: string };

/**
 * A published story with sensible defaults; override what the test is about. The body is
 * given as a string and goes through the sanitiser, as every stored body has.
 */
export function makeStory(input: StoryOverrides = {}): Story {
  const { bodyHtml = '<p>Plain body text about nothing in particular.</p>', ...overrides } = input;
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
    bodyHtml: sanitized(bodyHtml),
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
