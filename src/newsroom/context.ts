import type { Clock } from '../core/clock.js';
import type { PreviewTokens } from '../http/preview-token.js';
import type { Store } from '../store/types.js';
import type { Accounts } from './auth/accounts.js';
import type { MediaUpload } from './media-upload.js';
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
  /** Picture uploads (`POST media`); without it the route is not there. */
  mediaUpload?: MediaUpload;
}

/** What every newsroom route gets. */
export interface NewsroomContext extends NewsroomOptions {
  accounts: Accounts;
  stories: StoryOperations;
  previews: PreviewTokens;
}
