/**
 * The parts every command needs besides HTTP (ingest pipeline, media, demo loading), apart from
 * app.ts so that a command such as `lede ingest` loads neither Fastify, the newsroom nor the
 * distribution code: half of a one-file ingest's second went to loading modules it never ran.
 */
import { resolve } from 'node:path';
import type { Clock } from '../core/clock.js';
import { generateAvatar, generateDemoPicture } from '../ingest/demo/images.js';
import { demoSeededKey, loadDemo } from '../ingest/demo/load.js';
import { createMediaLibrary } from '../ingest/media.js';
import { createIngestPipeline } from '../ingest/pipeline.js';
import { createMediaRenditions } from '../store/media-renditions.js';
import { createLocalMediaStorage } from '../store/media-storage.js';
import type { Store } from '../store/types.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** Where the demo set lives: `demo/` at the package root, next to `dist/` and `src/`. */
export const demoDir = resolve(import.meta.dirname, '../../demo');

/** The parts every command needs besides HTTP: ingest pipeline, media, demo loading. */
export function createServices(deps: {
  config: Readonly<Config>;
  store: Store;
  clock: Clock;
  logger: Logger;
  demoDir?: string;
  /**
   * Make a picture's renditions when it is imported (default true). The tests' shared demo
   * copy turns it off: about 0.4 s of CPU per picture, once per test process, while the
   * site makes a missing rendition at its first request anyway.
   */
  shouldMakeRenditions?: boolean;
}) {
  const mediaStorage = createLocalMediaStorage({ dir: deps.config.mediaDir });
  const renditions = createMediaRenditions({ media: deps.store.media, storage: mediaStorage });
  const media = createMediaLibrary({
    media: deps.store.media,
    mediaDir: deps.config.mediaDir,
    renditions: deps.shouldMakeRenditions === false ? undefined : renditions,
    generators: {
      'lede-demo-image': (href) => generateDemoPicture(href),
      'lede-demo-avatar': (href) => generateAvatar(href.slice(href.indexOf(':') + 1)),
    },
  });
  const pipeline = createIngestPipeline({ store: deps.store, clock: deps.clock, media, logger: deps.logger });
  return {
    media,
    mediaStorage,
    renditions,
    pipeline,
    /** Loads the demo set unless this database was ever seeded (a marker row, not "is it empty"). */
    async seedDemoOnce() {
      if (await deps.store.settings.getInternal(demoSeededKey)) return undefined;
      return this.loadDemo();
    },
    async loadDemo() {
      const result = await loadDemo({ store: deps.store, pipeline, media, clock: deps.clock, demoDir: deps.demoDir ?? demoDir });
      for (const failure of result.failed)
        deps.logger.warn({ file: failure.file, reason: failure.reason }, `demo file skipped: ${failure.file}: ${failure.reason}`);
      deps.logger.info({ stories: result.stories, failed: result.failed.length }, 'demo content loaded');
      return result;
    },
  };
}
