import { createHash } from 'node:crypto';
import { type Callout, primaryLanguage, type Story } from '../../core/story.js';

/**
 * The call-outs an article shows, in the order its slots get them: those switched on for its
 * section, in its language when any are (else in the site's, marked with their own `lang`),
 * rotated by the story's id so that every reader gets the same page and the site's call-outs
 * share the articles.
 */
export function pickCallouts(story: Pick<Story, 'id' | 'language' | 'section'>, callouts: Callout[], siteLanguage: string): Callout[] {
  const usable = callouts
    .filter((c) => c.enabled !== false && (!c.sections || (story.section !== undefined && c.sections.includes(story.section))))
    .map((c) => ({ ...c, language: c.language ?? siteLanguage }));
  const own = usable.filter((c) => primaryLanguage(c.language) === primaryLanguage(story.language));
  const chosen = own.length > 0 ? own : usable.filter((c) => primaryLanguage(c.language) === primaryLanguage(siteLanguage));
  const unique = [...new Map(chosen.map((c) => [c.text, c])).values()];
  if (unique.length < 2) return unique;
  const turn = createHash('sha256').update(story.id).digest().readUInt32BE(0) % unique.length;
  return [...unique.slice(turn), ...unique.slice(0, turn)];
}
