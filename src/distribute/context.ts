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

/** The `feeds` setting: full text unless an editor turns it off (a source's rights may still forbid it). */
export interface FeedsSetting {
  fullText?: boolean;
}

/** The `websub` setting: the hub that feeds advertise and that is pinged when they change. */
export interface WebSubSetting {
  hub?: string;
}

/** The `site` setting, as the site reads it. */
export interface SiteSetting {
  name?: string;
  description?: string;
  language?: string;
}

export async function siteInfo(store: Store): Promise<{ name: string; description: string; language: string }> {
  const site = await store.settings.get<SiteSetting>('site');
  return {
    name: site?.name?.trim() || 'Lede',
    description: site?.description?.trim() || 'News',
    language: site?.language?.trim() || 'en',
  };
}
