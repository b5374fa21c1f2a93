import type { FastifyInstance } from 'fastify';
import { createResponder } from '../http/responder.js';
import { pageSecurityHeaders } from '../http/security-headers.js';
import { createRecommender } from '../recommend/recommender.js';
import { createSignalBuffer } from '../recommend/signal-buffer.js';
import { createMediaRenditions } from '../store/media-renditions.js';
import { createLocalMediaStorage } from '../store/media-storage.js';
import { createEventMemo } from './event-memo.js';
import { registerArticleRoute } from './routes/article.js';
import { registerAssetRoutes } from './routes/assets.js';
import { registerAuthorRoute } from './routes/author.js';
import { registerBeaconRoute } from './routes/beacon.js';
import { registerErrorHandlers } from './routes/errors.js';
import { registerFragmentRoutes } from './routes/fragments.js';
import { registerHomeRoute } from './routes/home.js';
import { registerLanguageRoute } from './routes/language.js';
import { registerMediaRoute } from './routes/media.js';
import { registerPageRoute } from './routes/page.js';
import { registerPreviewRoute } from './routes/preview.js';
import { registerPrivacyRoute } from './routes/privacy.js';
import { registerSearchRoute } from './routes/search.js';
import { registerSectionRoute } from './routes/section.js';
import { registerSourceRoute } from './routes/source.js';
import { registerTagRoute } from './routes/tag.js';
import { loadSiteAssets } from './site-assets.js';
import { createSiteCards } from './site-card.js';
import type { SiteContext, SiteOptions } from './site-context.js';
import { createViewLoader } from './view-loader.js';
import { createVisitorKeys } from './visitor-key.js';

export type { SiteConfig, SiteOptions } from './site-context.js';

/**
 * The reader site as one Fastify plugin: `app.register(siteRoutes, { store, cache, clock, config })`.
 * Pages go through the shared page cache; the composition root feeds store events to
 * `createCacheInvalidator` (page-cache.ts) so that changes reach every page.
 */
export async function siteRoutes(app: FastifyInstance, opts: SiteOptions): Promise<void> {
  const assets = await loadSiteAssets();
  const storage = opts.media?.storage ?? createLocalMediaStorage({ dir: opts.config.mediaDir });
  const recommender = opts.recommender ?? createRecommender({ store: opts.store, clock: opts.clock, logger: app.log });
  const signals = opts.signals ?? createSignalBuffer({ store: opts.store, logger: app.log });
  app.addHook('onClose', async () => {
    if (!opts.signals) await signals.close();
    if (!opts.recommender) recommender.close();
  });
  const ctx: SiteContext = {
    ...opts,
    media: opts.media ?? { storage, renditions: createMediaRenditions({ media: opts.store.media, storage }) },
    cards: createSiteCards({ storage }),
    recommender,
    signals,
    visitors: createVisitorKeys({ settings: opts.store.settings }),
    assets,
    views: createViewLoader({
      store: opts.store,
      clock: opts.clock,
      config: opts.config,
      assets,
      memo: createEventMemo({ events: opts.store.events }),
    }),
    pages: createResponder({ cache: opts.cache, clock: opts.clock, headers: pageSecurityHeaders, onLookup: opts.onCacheLookup }),
  };
  // Answers that do not go through the responder (errors, fragments, assets) get them too.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(pageSecurityHeaders);
    return payload;
  });
  registerErrorHandlers(app, ctx);
  registerAssetRoutes(app, ctx);
  registerMediaRoute(app, ctx);
  registerBeaconRoute(app, ctx);
  registerFragmentRoutes(app, ctx);
  registerSearchRoute(app, ctx);
  registerPreviewRoute(app, ctx);
  registerPageRoute(app, ctx);
  registerPrivacyRoute(app, ctx);
  registerHomeRoute(app, ctx);
  registerTagRoute(app, ctx);
  registerLanguageRoute(app, ctx);
  registerAuthorRoute(app, ctx);
  registerSourceRoute(app, ctx);
  registerSectionRoute(app, ctx);
  registerArticleRoute(app, ctx);
}
