import type { Clock } from '../core/clock.js';
import type { PageCache } from '../http/response-cache.js';
import type { Store } from '../store/types.js';

export interface PullConfig {
  /** Base of every absolute link in feeds, sitemaps and the API, e.g. `https://news.example`. */
  publicUrl: string;
  /** Directory that `Media.path` is relative to (enclosure sizes). */
  mediaDir: string;
}

/** What the composition root passes to the pull-surface plugins: the site's cache instance too. */
export interface PullOptions {
  store: Store;
  cache: PageCache;
  clock: Clock;
  config: PullConfig;
}

/** The `site` setting (catalogue defaults filled in): name, description, language. */
export function siteInfo(store: Pick<Store, 'settings'>): Promise<{ name: string; description: string; language: string }> {
  return store.settings.get('site');
}
