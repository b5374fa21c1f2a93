import type { Story } from '../core/story.js';
import { htmlToText } from '../core/text.js';
import type { StoryText } from './term-counts.js';

/** Subject codes, places and tags of a story: what its editors say it is about. */
export function storySubjects(story: Story): string[] {
  const concepts = [...(story.ninjs.subjects ?? []), ...(story.ninjs.places ?? [])];
  const codes = concepts.map((c) => c.uri ?? c.literal ?? c.name).filter((c): c is string => Boolean(c));
  return [...new Set([...codes, ...story.tags.map((t) => `tag:${t.toLowerCase()}`)])];
}

/** What the text index reads of a story: headline, standfirst, body text and subjects. */
export function storyText(story: Story): StoryText {
  return {
    headline: story.headline,
    standfirst: story.standfirst ?? story.subheadline,
    body: htmlToText(story.bodyHtml),
    subjects: storySubjects(story),
    language: story.language,
  };
}
