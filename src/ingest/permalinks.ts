import type { Ninjs } from '../core/ninjs.js';
import type { Story } from '../core/story.js';
import { articlePath, maxRedirectPathLength, reservedPathPattern } from '../core/urls.js';
import type { Repos } from '../store/types.js';

/**
 * The path of an item's old address (`altids` role `permalink`, a WordPress post's `link`), when it
 * can be redirected: a path of its own (not the old home page, not `?p=123`, which redirects
 * cannot match) and none of Lede's reserved ones.
 */
export function permalinkPath(item: Pick<Ninjs, 'altids'>): string | undefined {
  const link = item.altids?.find((id) => id.role === 'permalink')?.value;
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link, 'http://old.invalid');
  } catch {
    return undefined;
  }
  const path = url.pathname;
  // Only a web address has a path a reader could ask for (`javascript:x` would give "x").
  if (!/^https?:$/.test(url.protocol)) return undefined;
  if (path === '/' || url.search || reservedPathPattern.test(path) || path.startsWith('//')) return undefined;
  if (path.length > maxRedirectPathLength) return undefined;
  return path;
}

/**
 * After an import: each story's old address answers 301 to its address here (the article route
 * follows a later change of date or slug with a second 301). A `settings` event in the same
 * transaction drops cached 404s of those paths, as an editor's redirect does.
 */
export async function recordPermalinkRedirects(tx: Repos, stories: Story[], at: string): Promise<void> {
  let count = 0;
  // One at a time: a WordPress export holds a few thousand posts at most, imported once.
  for (const story of stories) {
    const from = permalinkPath(story.ninjs);
    const to = articlePath(story);
    if (!from || from === to || story.state === 'killed' || (await tx.redirects.find(from))?.toPath === to) continue;
    await tx.redirects.upsert({ fromPath: from, toPath: to, createdAt: at });
    count++;
  }
  if (count > 0) await tx.events.append({ storyId: 'redirects', kind: 'settings', origin: 'wire', at });
}
