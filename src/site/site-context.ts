import type { Clock } from '../core/clock.js';
import type { Responder } from '../http/responder.js';
import type { PageCache } from '../http/response-cache.js';
import type { Recommender } from '../recommend/recommender.js';
import type { RelatedIndex } from '../recommend/related.js';
import type { SignalBuffer } from '../recommend/signal-buffer.js';
import type { MediaRenditions } from '../store/media-renditions.js';
import type { MediaStorage } from '../store/media-storage.js';
import type { Store } from '../store/types.js';
import type { SiteAssets } from './site-assets.js';
import type { SiteCards } from './site-card.js';
import type { ViewLoader } from './view-loader.js';
import type { VisitorKeys } from './visitor-key.js';

export interface SiteConfig {
  /** Base of canonical links, e.g. `https://news.example`. */
  publicUrl: string;
  /** IANA zone for displayed times, e.g. `Europe/London`. */
  timezone: string;
  /** Directory that `Media.path` is relative to. */
  mediaDir: string;
}

/** "Read also": this process's related index (recommend/related-follower.ts keeps it current). */
export interface SiteRelated {
  index: RelatedIndex;
  /** Resolves once the index holds every published story; article pages wait for it. */
  ready: Promise<void>;
  /** Co-visitation counts of other stories with this one, where the reading log keeps them (optional). */
  coVisits?: (storyId: string) => Promise<ReadonlyMap<string, number>>;
}

/** What the composition root passes to `app.register(siteRoutes, opts)`. */
export interface SiteOptions {
  store: Store;
  cache: PageCache;
  clock: Clock;
  config: SiteConfig;
  /** Without it articles carry no "Read also" and the home page does not fold clusters. */
  related?: SiteRelated;
  /** Told of every page cache lookup, for metrics. */
  onCacheLookup?: (isHit: boolean) => void;
  /** "Most read" and "Recommended for you"; made (and closed) by the plugin when not given. */
  recommender?: Recommender;
  /** The beacon's batching buffer; made (and flushed on close) by the plugin when not given. */
  signals?: SignalBuffer;
  /** Picture files and their renditions; local storage in `config.mediaDir` when absent. */
  media?: { storage: MediaStorage; renditions: MediaRenditions };
}

/** What every route of the site gets: the options plus the per-instance helpers. */
export interface SiteContext extends SiteOptions {
  recommender: Recommender;
  signals: SignalBuffer;
  visitors: VisitorKeys;
  media: { storage: MediaStorage; renditions: MediaRenditions };
  /** The share card of pages without a picture of their own. */
  cards: SiteCards;
  assets: SiteAssets;
  views: ViewLoader;
  pages: Responder;
}
