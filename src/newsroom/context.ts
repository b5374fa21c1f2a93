import type { Clock } from '../core/clock.js';
import type { PreviewTokens } from '../http/preview-token.js';
import type { IngestPipeline } from '../ingest/pipeline.js';
import type { MediaRenditions } from '../store/media-renditions.js';
import type { MediaStorage } from '../store/media-storage.js';
import type { Store } from '../store/types.js';
import type { Accounts } from './auth/accounts.js';
import type { StoryOperations } from './operations/story-operations.js';

export interface NewsroomConfig {
  /** Base of reader URLs (`url` of a published story) and of preview links. */
  publicUrl: string;
}

/** What the composition root passes to `app.register(newsroomRoutes, opts)`. */
export interface NewsroomOptions {
  store: Store;
  clock: Clock;
  config: NewsroomConfig;
  /** Where uploaded pictures and their renditions go (the same storage the site serves them from). */
  media: { storage: MediaStorage; renditions: MediaRenditions };
  /** The quarantine's replay ingests through the same pipeline as every transport; `dataDir` holds `quarantine/`. */
  ingest: { pipeline: Pick<IngestPipeline, 'ingestFile'>; dataDir: string };
}

/** What every newsroom route gets. */
export interface NewsroomContext extends NewsroomOptions {
  accounts: Accounts;
  stories: StoryOperations;
  previews: PreviewTokens;
}
