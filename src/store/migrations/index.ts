import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import * as initial from './0001-initial.js';
import * as sourceRules from './0002-source-rules.js';
import * as outbox from './0003-outbox.js';
import * as apiKeys from './0004-api-keys.js';
import * as storyRevisions from './0005-story-revisions.js';
import * as outboxSnapshots from './0006-outbox-snapshots.js';
import * as leaseTokens from './0007-lease-tokens.js';
import * as newsroomAccounts from './0008-newsroom-accounts.js';
import * as pagesRedirects from './0009-pages-redirects.js';
import * as mediaRenditions from './0010-media-renditions.js';
import * as readerSignals from './0012-reader-signals.js';
import * as impressions from './0013-impressions.js';
import * as searchStems from './0015-search-stems.js';
import * as newsroomListIndexes from './0016-newsroom-list-indexes.js';
import * as storiesExpires from './0017-stories-expires.js';
import * as mediaAddedAt from './0018-media-added-at.js';
import * as authorLinks from './0019-author-links.js';
import * as toastLz4 from './0020-toast-lz4.js';
import * as deskSearchFastupdate from './0021-desk-search-fastupdate.js';

export interface StoreMigration {
  name: string;
  up(db: Kysely<Database>, dialect: StoreDialect): Promise<void>;
}

/** The one ordered list of migrations, applied by `lede migrate` and at start. */
export const migrations: StoreMigration[] = [
  { name: '0001-initial', up: initial.up },
  { name: '0002-source-rules', up: sourceRules.up },
  { name: '0003-outbox', up: outbox.up },
  { name: '0004-api-keys', up: apiKeys.up },
  { name: '0005-story-revisions', up: storyRevisions.up },
  { name: '0006-outbox-snapshots', up: outboxSnapshots.up },
  { name: '0007-lease-tokens', up: leaseTokens.up },
  { name: '0008-newsroom-accounts', up: newsroomAccounts.up },
  { name: '0009-pages-redirects', up: pagesRedirects.up },
  { name: '0010-media-renditions', up: mediaRenditions.up },
  { name: '0012-reader-signals', up: readerSignals.up },
  { name: '0013-impressions', up: impressions.up },
  { name: '0015-search-stems', up: searchStems.up },
  { name: '0016-newsroom-list-indexes', up: newsroomListIndexes.up },
  { name: '0017-stories-expires', up: storiesExpires.up },
  { name: '0018-media-added-at', up: mediaAddedAt.up },
  { name: '0019-author-links', up: authorLinks.up },
  { name: '0020-toast-lz4', up: toastLz4.up },
  { name: '0021-desk-search-fastupdate', up: deskSearchFastupdate.up },
];
