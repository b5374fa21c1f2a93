import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Clock } from '../core/clock.js';
import { type ChannelRegistry, createChannelRegistry } from '../distribute/channel-registry.js';
import { contentApiRoutes } from '../distribute/content-api/plugin.js';
import { createOutboxWorker, type OutboxWorker } from '../distribute/outbox-worker.js';
import { pullRoutes } from '../distribute/pull-routes.js';
import { createWebSubPublisher } from '../distribute/websub.js';
import { createErrorReply } from '../http/error-reply.js';
import { createPageCache } from '../http/response-cache.js';
import { createParsePool } from '../ingest/parse-pool.js';
import { applyDueTransitions } from '../ingest/scheduled.js';
import { createSourceHealth, type SourceHealth } from '../ingest/sources/health.js';
import { createFeedPoller } from '../ingest/transports/feed-poll.js';
import { httpPushRoutes } from '../ingest/transports/http-push.js';
import { createWatchFolders } from '../ingest/transports/watch-folder.js';
import { newsroomClientRoutes } from '../newsroom/client-routes.js';
import { newsroomRoutes } from '../newsroom/plugin.js';
import { createRecommender, type Recommender } from '../recommend/recommender.js';
import { createRelatedIndex } from '../recommend/related.js';
import { followStoriesForRelated } from '../recommend/related-follower.js';
import { createSignalBuffer } from '../recommend/signal-buffer.js';
import { createCacheInvalidator } from '../site/page-cache.js';
import { siteRoutes } from '../site/plugin.js';
import { createClockBoundRefresh } from '../site/refresh.js';
import type { Store } from '../store/types.js';
import type { Config } from './config.js';
import { operationsRoutes, type Readiness } from './health.js';
import type { Logger } from './logger.js';
import { createMetrics, recordSourceHealth } from './metrics.js';
import { createScheduler } from './scheduler.js';
import { createServices } from './services.js';

export interface App {
  http: FastifyInstance;
  readiness: Readiness;
  services: ReturnType<typeof createServices>;
  scheduler: ReturnType<typeof createScheduler>;
  /** Ingest transports run by the scheduler, and source health (for the newsroom). */
  ingest: {
    watchFolders: ReturnType<typeof createWatchFolders>;
    feedPoller: ReturnType<typeof createFeedPoller>;
    /** Per source: last item, items in 24 h, errors, idle state (for the newsroom). */
    sourceHealth: () => Promise<SourceHealth[]>;
  };
  /** Delivers the outbox to push channels; runs only in the scheduler's lease holder. */
  outbox: OutboxWorker;
  /** Push channels as configured; `sync` after their settings change (newsroom). */
  channels: ChannelRegistry;
  /** "Most read" and "Recommended for you" of this process. */
  recommender: Recommender;
  close(): Promise<void>;
}

/** The composition root: the only place that wires the parts together. */
export async function createApp(deps: { config: Readonly<Config>; store: Store; clock: Clock; logger: Logger }): Promise<App> {
  const { config, store, clock, logger } = deps;
  const metrics = createMetrics();
  const readiness: Readiness = { isReady: false, reason: 'starting' };
  // One cache for site pages, feeds, sitemaps and the content API: one invalidator purges all.
  // The bench-only switch leaves it empty: every request is a miss (bench/site.ts --misses).
  const cache = createPageCache({ maxEntries: config.benchPageCacheOff ? 0 : 5000, clock });
  const invalidator = createCacheInvalidator({ store, cache });
  const websub = createWebSubPublisher({ store, clock, publicUrl: config.publicUrl, logger });
  // "Read also" follows the event feed before the invalidator does: a kill leaves the index
  // inside the feed's call, so the purge that follows renders pages without the killed story.
  const relatedIndex = createRelatedIndex();
  // Indexing every published story takes minutes at 100,000 stories and shares the thread with
  // Fastify's start, whose plugins each fail after 10 s: it starts once the plugins are loaded.
  let pluginsLoaded!: () => void;
  const afterPlugins = new Promise<void>((resolve) => (pluginsLoaded = resolve));
  const relatedFollower = followStoriesForRelated({
    startAfter: afterPlugins,
    store,
    index: relatedIndex,
    onError: (error) => logger.error({ err: error }, 'related index update failed'),
    // The home page folds clusters, which the story just indexed may have changed.
    onIndexed: () => cache.invalidate(['list:home']),
  });
  const stopFollowing = store.onEvents((events) => {
    for (const event of events) {
      metrics.events.inc({ kind: event.kind });
      metrics.eventLag.set(Math.max(0, (Date.now() - Date.parse(event.at)) / 1000));
    }
    invalidator
      .handle(events)
      .then((tags) => websub.enqueue(tags, events))
      .catch((error) => logger.error({ err: error }, 'cache invalidation failed'));
  });

  const http: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });
  http.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Every surface answers errors through src/http's error reply (it logs them too); this one
  // covers the routes of no surface (health, metrics).
  http.setErrorHandler(createErrorReply({ format: 'text', surface: 'operations' }));
  await http.register(operationsRoutes, {
    readiness,
    metrics,
    metricsAccess: { trustProxy: config.trustProxy, token: config.metricsToken },
  });
  const services = createServices(deps);
  // Reader signals: the beacon's batched writes, and the recommenders following the store.
  const recommender = createRecommender({ store, clock, logger });
  const signals = createSignalBuffer({ store, logger });
  // Index the published stories before the first reader asks (after the plugins: see afterPlugins).
  http.addHook('onReady', async () => {
    pluginsLoaded();
    recommender.prepare().catch((error) => logger.error({ err: error }, 'recommendation index load failed'));
  });
  await http.register(siteRoutes, {
    store,
    cache,
    clock,
    recommender,
    signals,
    config: { publicUrl: config.publicUrl, timezone: config.timezone, mediaDir: config.mediaDir },
    media: { storage: services.mediaStorage, renditions: services.renditions },
    // Co-visitation (read in the same visit) from the reading log lifts a related story among equals.
    related: { index: relatedIndex, ready: relatedFollower.ready, coVisits: (id) => recommender.coVisitsOf(id) },
    onCacheLookup: (isHit: boolean) => metrics.pageCache.inc({ result: isHit ? 'hit' : 'miss' }),
  });
  // The newsroom's browser client (shell and hashed assets); its admin API is its own plugin.
  await http.register(newsroomClientRoutes, {});
  const pullConfig = { publicUrl: config.publicUrl, mediaDir: config.mediaDir };
  await http.register(pullRoutes, { store, cache, clock, config: pullConfig });
  await http.register(contentApiRoutes, { prefix: '/api/v1', store, cache, clock, config: pullConfig });
  await http.register(newsroomRoutes, {
    prefix: '/newsroom/api/v1',
    store,
    clock,
    config: { publicUrl: config.publicUrl },
    media: { storage: services.mediaStorage, renditions: services.renditions },
    ingest: { pipeline: services.pipeline, dataDir: config.dataDir },
  });

  const refresh = createClockBoundRefresh({ store, cache, clock, recommender });
  // Every process refreshes its own cache; a minute is the resolution of "Most read".
  const refreshTimer = setInterval(() => refresh().catch((error) => logger.error({ err: error }, 'cache refresh failed')), 60_000);
  refreshTimer.unref();

  // Each task runs under a lease of its own (its name), so none waits behind another: embargo
  // release goes out on time while a watch folder fetches pictures for a minute.
  // A 3 s lease: after a crash, another process (or the restarted one) takes over the outbox and
  // resumes deliveries in flight within 5 s; renewals (every third of it) are one short write each.
  const scheduler = createScheduler({ leases: store.leases, clock, logger, leaseTtlMs: 3000 });
  scheduler.every('embargo-release', 1000, (lease) => applyDueTransitions({ store, clock, fence: lease }));
  // Ingest transports: watch folders and feed polls in the lease holder only; push is a route.
  // Pushed, watch-folder and feed files are parsed in worker threads (a 19 MB file froze the site for
  // half a minute on this one), each with a memory bound; started at the first file.
  const parsePool = createParsePool();
  const health = createSourceHealth({ store, clock, logger, onAlert: (h) => metrics.sourceIdleAlerts.inc({ source: h.slug }) });
  const ingest = {
    watchFolders: createWatchFolders({ store, pipeline: services.pipeline, clock, logger, parse: parsePool.parse }),
    feedPoller: createFeedPoller({ store, pipeline: services.pipeline, clock, logger, parse: parsePool.parse }),
    sourceHealth: () => health.list(),
  };
  scheduler.every('watch-folders', 1000, (lease) => ingest.watchFolders.pollAll(lease));
  scheduler.every('feed-polls', 1000, (lease) => ingest.feedPoller.pollDue(lease));
  scheduler.every('source-health', 30_000, async () => recordSourceHealth(metrics, await health.check()));
  // Ingest may not import http, so the push route gets the shared error reply from here.
  const pushErrorReply = createErrorReply({ format: 'json', surface: 'push ingest' });
  await http.register(httpPushRoutes, { store, pipeline: services.pipeline, clock, errorReply: pushErrorReply, parse: parsePool.parse });
  // Pictures stored before renditions existed (or under an older recipe) get them in the
  // background, at start and then every 10 minutes, in one process; pages never wait for it
  // (a rendition asked for meanwhile is made at its first request).
  scheduler.every('media-renditions', 600_000, async () => {
    const result = await services.renditions.backfill();
    for (const failure of result.failed)
      logger.warn({ mediaId: failure.mediaId, reason: failure.reason }, `renditions not made for picture ${failure.mediaId}`);
    if (result.made > 0) logger.info({ made: result.made }, 'renditions made for pictures stored without them');
  });
  // Feeds changed by events are pinged to the WebSub hub from one process, debounced per feed.
  scheduler.every('websub', 1000, () => websub.flush());
  const channels = createChannelRegistry({ store, telegram: config.telegram, mediaDir: config.mediaDir });
  await channels.sync(clock.now());
  const outbox = createOutboxWorker({
    store,
    clock,
    registry: channels,
    publicUrl: config.publicUrl,
    logger,
    isLeader: () => scheduler.holds('outbox'),
  });
  // Exactly one process delivers (the lease holder); a committed event wakes it at once, so a kill's purge leaves now.
  scheduler.every('outbox', 1000, async () => {
    void outbox.kick();
  });
  // Raw reader events past the retention period (the `recommend` setting) are deleted by one process.
  scheduler.every('signals-retention', 60 * 60_000, async () => {
    const { retentionDays } = await store.settings.get('recommend');
    const pruned = await store.signals.prune({ now: clock.now(), retentionDays });
    logger.info({ ...pruned, retentionDays }, 'reader signals past retention deleted');
  });
  // Channel settings edited at run time (newsroom, `lede`) take effect within 30 s.
  scheduler.every('channel-sync', 30_000, () => channels.sync(clock.now()));
  const stopKicking = store.onEvents(() => {
    if (scheduler.holds('outbox')) void outbox.kick();
  });

  return {
    http,
    readiness,
    services,
    scheduler,
    ingest,
    outbox,
    channels,
    recommender,
    async close() {
      relatedFollower.stop();
      stopFollowing();
      stopKicking();
      clearInterval(refreshTimer);
      await scheduler.stop();
      await ingest.feedPoller.settle();
      await outbox.stop();
      await http.close();
      await services.renditions.settle();
      await signals.close();
      recommender.close();
      await parsePool.close();
    },
  };
}
