import type { Story } from '../core/story.js';
import type { Store } from '../store/types.js';

/**
 * "Recommended for you". For now: the latest published stories the reader has not read.
 * The recommend issue replaces this one function; the route and the views stay.
 */
export async function pickForYou(deps: { store: Pick<Store, 'stories'> }, input: { history: string[]; limit: number }): Promise<Story[]> {
  const page = await deps.store.stories.listPublished({ limit: input.limit, excludeIds: input.history });
  return page.stories;
}
