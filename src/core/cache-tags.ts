import { primaryLanguage, type Story } from './story.js';
import { slugify } from './urls.js';

/** Urgency 1–2 stories appear in the breaking-news strip of every page. */
export const isBreakingUrgency = (urgency: number | undefined) => urgency !== undefined && urgency >= 1 && urgency <= 2;

/**
 * Every cache tag a change to `story` makes stale: its own page, each list it belongs to,
 * the home page and search. An urgent story also touches the breaking strip on every page
 * (`list:breaking`), which is why ordinary stories do not carry that tag. A pure rule, so the
 * response cache (http), the CDN purge (distribute) and the site's invalidator share it.
 */
export function tagsForStory(story: Story): string[] {
  const tags = [
    `story:${story.id}`,
    'list:home',
    'search',
    `list:source:${story.sourceId}`,
    `list:lang:${primaryLanguage(story.language)}`,
  ];
  if (story.section) tags.push(`list:section:${story.section}`);
  for (const tag of story.tags) tags.push(`list:tag:${slugify(tag)}`);
  for (const author of story.authorSlugs) tags.push(`list:author:${author}`);
  if (isBreakingUrgency(story.urgency)) tags.push('list:breaking');
  return [...new Set(tags)];
}
