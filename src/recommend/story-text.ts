import type { Story } from '../core/story.js';
import { htmlToText } from '../core/text.js';
import type { StoryText } from './term-counts.js';

/** Subject codes, places and tags of a story: what its editors say it is about. */
export function storySubjects(story: Story): string[] {
  const concepts = [...(story.ninjs.subjects ?? []), ...(story.ninjs.places ?? [])];
  const codes = concepts.map((c) => c.uri ?? c.literal ?? c.name).filter((c): c is string => Boolean(c));
  return [...new Set([...codes, ...story.tags.map((t) => `tag:${t.toLowerCase()}`)])];
}

/**
 * What the text index reads of a story: headline, standfirst, body text and subjects.
 * `bodyChars` keeps only the start of the body (about that many characters of text).
 */
export function storyText(story: Story, options: { bodyChars?: number } = {}): StoryText {
  const limit = options.bodyChars;
  return {
    headline: story.headline,
    standfirst: story.standfirst ?? story.subheadline,
    // Twice the characters of HTML make at least that many of text, unless markup is heavy.
    body: limit === undefined ? htmlToText(story.bodyHtml) : htmlToText(story.bodyHtml.slice(0, 2 * limit)).slice(0, limit),
    subjects: storySubjects(story),
    language: story.language,
  };
}
