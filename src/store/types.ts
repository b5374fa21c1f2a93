import type { TrustedHtml } from '../core/escape.js';
import type { EventKind } from '../core/lifecycle.js';
import type { Ninjs } from '../core/ninjs.js';
import type { Rendition } from '../core/renditions.js';
import type { User, UserRole } from '../core/roles.js';
import type { SettingInput, SettingKey, SettingValue } from '../core/settings-catalogue.js';
import type { Author, Media, Page, Redirect, Section, Source, Story } from '../core/story.js';
import type { ChannelRepo, OutboxRepo, WebhookRepo } from './outbox-types.js';
import type { StoryChangeRequest, StoryChangeResult } from './story-changes.js';
import type { StoryAuditResult } from './verify.js';

/** One row of the `events` log: what changed, so every process can follow. */
export interface StoryEvent {
  id: number;
  storyId: string;
  kind: EventKind;
  version?: string;
  /** Who caused it: `wire` (default), `demo` (never pushed to channels), `editor`, `clock`. */
  origin?: EventOrigin;
  at: string;
}

export type EventOrigin = 'wire' | 'demo' | 'editor' | 'clock';

export interface ListQuery {
  section?: string;
  tag?: string;
  author?: string;
  source?: string;
  /** A primary language subtag (`fr`): stories in it, whatever their region (`fr-CA`). */
  language?: string;
  limit: number;
  offset?: number;
  excludeIds?: string[];
}

export interface StoryPage {
  stories: Story[];
  total: number;
}

/** A story as stored, with its editorial flags and Lede's revision number. */
export type StoredStory = Story & StoryFlags & { revision: number };

/** Reads of stories. Every write is a story change (`applyStoryChange`). */
export interface StoryRepo {
  findById(id: string): Promise<Story | undefined>;
  /** The story with its flags and revision, as a story change sees it. */
  findStored(id: string): Promise<StoredStory | undefined>;
  /** `findStored` of many ids in one read, by id (ids not stored are absent). */
  findStoredMany(ids: string[]): Promise<Map<string, StoredStory>>;
  findByIds(ids: string[]): Promise<Story[]>;
  findByUri(sourceId: string, uri: string): Promise<StoredStory | undefined>;
  /**
   * Current or former slug; the route answers 301 when it is not the current path. Slugs
   * repeat across days, so `publishedOn` (YYYY-MM-DD of first publication) picks that day's story.
   */
  findBySlug(slug: string, publishedOn?: string): Promise<Story | undefined>;
  /** Published stories, newest first by first publication. */
  listPublished(query: ListQuery): Promise<StoryPage>;
  /**
   * The stories of `listPublished` without the count: a count of the published stories is a
   * scan of them, and a block of "latest" stories (home, More from, breaking) has no pages.
   */
  listLatest(query: ListQuery): Promise<Story[]>;
  /** The primary languages of published stories, with how many each, most first. */
  publishedLanguages(): Promise<{ language: string; count: number }[]>;
  /** Stories whose `embargoed` time has come but whose state is still `embargoed`. */
  listDueEmbargoes(now: Date, limit: number): Promise<Story[]>;
  /** Stories published and past their `expires`. */
  listDueExpiries(now: Date, limit: number): Promise<Story[]>;
  /** Tags with their display names, for tag pages. */
  findTag(slug: string): Promise<{ slug: string; name: string } | undefined>;
  /** Stories (any state) whose hero is the given picture. */
  listByHeroMedia(mediaId: string): Promise<Story[]>;
  /** The versions recorded for a story, oldest first, with the revision each made. */
  history(
    storyId: string,
  ): Promise<Array<{ revision?: number; version?: string; pubstatus: string; receivedAt: string; ninjs: Ninjs; editorId?: string }>>;
  count(): Promise<number>;
}

export interface AuthorRepo {
  upsert(author: Author): Promise<void>;
  findBySlug(slug: string): Promise<Author | undefined>;
  findBySlugs(slugs: string[]): Promise<Author[]>;
  list(): Promise<Author[]>;
  /** Deletes the profile unless a story (in any state) credits it; how many do (0: it was deleted). */
  remove(slug: string): Promise<{ storyCount: number }>;
}

/** Editorial flags of a stored story, kept apart from its content. */
export interface StoryFlags {
  /** An editor killed it: no later agency version brings it back. */
  editorKilled: boolean;
  /** An editor changed the agency copy: later agency versions are kept in history and flagged. */
  editorEdited: boolean;
  /** An agency version arrived after an editor's change and waits for the editor. */
  wireUpdatePending: boolean;
}

/** Delivery status of one source, for health, alerts and the feed poller. */
export interface SourceStatus {
  sourceSlug: string;
  lastItemAt?: string;
  /** Versions stored from this source in the 24 hours before the `now` asked about. */
  itemsLast24h: number;
  errorsTotal: number;
  lastError?: string;
  lastErrorAt?: string;
  feed: { etag?: string; lastModified?: string; nextPollAt?: string; failures: number };
  /** When the idle alert fired; absent while the source delivers. */
  silentSince?: string;
}

export interface SourceRepo {
  /** Rules and rights left undefined keep their stored value. */
  upsert(source: Source): Promise<void>;
  findBySlug(slug: string): Promise<Source | undefined>;
  list(): Promise<Source[]>;
  /** `null` removes a credential, `undefined` keeps it. */
  setPushCredentials(slug: string, input: { tokenHash?: string | null; hmacSecret?: string | null }): Promise<void>;
  pushCredentials(slug: string): Promise<{ tokenHash?: string; hmacSecret?: string }>;
  /** Status of every source that has one; items counted in the 24 h before `now`. */
  listStatus(now: Date): Promise<SourceStatus[]>;
  /** A new version (or picture) from the source was stored: it delivers. Clears the idle alert. */
  recordDelivery(slug: string, at: string): Promise<void>;
  recordError(slug: string, input: { at: string; message: string }): Promise<void>;
  saveFeedState(slug: string, feed: SourceStatus['feed']): Promise<void>;
  setSilentSince(slug: string, at: string | null): Promise<void>;
}

export interface SectionRepo {
  upsert(section: Section): Promise<void>;
  findBySlug(slug: string): Promise<Section | undefined>;
  list(): Promise<Section[]>;
  /** Deletes the section unless a story (in any state) is filed under it; how many are (0: it was deleted). */
  remove(slug: string): Promise<{ storyCount: number }>;
}

export interface MediaRepo {
  upsert(media: Media): Promise<void>;
  findById(id: string): Promise<Media | undefined>;
  /** The pictures of `ids` that exist, by id (a feed's heroes in one query, not one each). */
  findByIds(ids: string[]): Promise<Map<string, Media>>;
  /** The agency killed the picture; it keeps its row (and file) but is never used again. */
  markKilled(id: string, at: string): Promise<void>;
  /**
   * Pictures not killed, newest first (`addedAt`, then id), strictly after `after` in that order;
   * `q` matches caption, credit, alt, byline or source (the newsroom's media library).
   */
  list(query: { limit: number; after?: { addedAt: string; id: string }; q?: string }): Promise<Media[]>;
  /** Records the renditions made of a picture under `recipe` (core/renditions.ts); written again, they replace the old rows. */
  saveRenditions(mediaId: string, recipe: string, renditions: StoredRendition[]): Promise<void>;
  /** The renditions recorded for a picture under `recipe`, by format then width. */
  listRenditions(mediaId: string, recipe: string): Promise<Rendition[]>;
  /** Pictures not killed, with a file, that have no renditions under `recipe` yet, by id after `afterId` (the backfill). */
  listWithoutRenditions(query: { recipe: string; limit: number; afterId?: string }): Promise<Media[]>;
}

/** A rendition as written: its media storage key besides what the site shows. */
export type StoredRendition = Omit<Rendition, 'url'> & { path: string };

/** Raw rows of the `settings` table: JSON by key, unchecked. Only `store/settings.ts` uses it. */
export interface SettingsRepo {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** Where a setting's value came from, for `lede settings list` and the newsroom. */
export interface SettingState<K extends SettingKey> {
  key: K;
  value: SettingValue<K>;
  /** `default`: nothing stored; `invalid`: the stored value no longer validates, so the default is used. */
  origin: 'stored' | 'default' | 'invalid';
  /** For `invalid`: the field and the reason. */
  problem?: { field: string; reason: string };
}

/**
 * The settings of `core/settings-catalogue.ts`, typed. A read never fails: a value that no
 * longer validates gives the default (and is reported once). A write is validated first
 * (LEDE_SETTINGS_INVALID naming the key, the field and the reason) and logs a `settings` event.
 */
export interface Settings {
  get<K extends SettingKey>(key: K): Promise<SettingValue<K>>;
  inspect<K extends SettingKey>(key: K): Promise<SettingState<K>>;
  set<K extends SettingKey>(key: K, value: SettingInput<K>): Promise<SettingValue<K>>;
  /** The store's own bookkeeping outside the catalogue (the demo marker), never shown as a setting. */
  getInternal<T>(key: string): Promise<T | undefined>;
  setInternal(key: string, value: unknown): Promise<void>;
}

export interface EventRepo {
  append(event: Omit<StoryEvent, 'id'>): Promise<number>;
  /**
   * Appends events in order (ids ascending) with their outbox rows. A story change passes the
   * story row it has just written as `snapshot` (JSON of `toStory`'s columns), so that a webhook's
   * copy is not read back; called only when a webhook wants the event.
   */
  appendMany(entries: Array<{ event: Omit<StoryEvent, 'id'>; snapshot?: () => string }>): Promise<number[]>;
  listAfter(id: number, limit: number): Promise<StoryEvent[]>;
  latestId(): Promise<number>;
  latestForStory(storyId: string): Promise<StoryEvent | undefined>;
}

export interface ViewRepo {
  record(storyId: string, at: Date): Promise<void>;
  /** Ids of the most viewed published stories since `since`, most viewed first. */
  mostRead(input: { since: Date; limit: number }): Promise<string[]>;
}

/** One beacon view: `visitor` is a daily-salted hash of the browser (never an address). */
export interface ViewHit {
  storyId: string;
  visitor: string;
  at: Date;
  /** The reader consented and sent neither DNT nor Sec-GPC: the view may feed co-visits. */
  isProfiled: boolean;
}

/** What one recommendation slot showed one consenting browser, in order. */
export interface ImpressionRecord {
  id: string;
  /** The random per-browser id (written by the site script only after consent). */
  browser: string;
  /** `for-you`, `most-read`, `read-also`… */
  slot: string;
  /** The page path it was shown on. */
  page: string;
  shownAt: Date;
  items: string[];
  /** The browser's history cookie at the time (story ids, newest first). */
  history: string[];
}

export interface StoredImpression extends Omit<ImpressionRecord, 'shownAt'> {
  shownAt: string;
  clicked: string[];
}

/**
 * Reader signals: views, hourly counts, co-visits, recommendation impressions and clicks.
 * Writes come in batches, one transaction each (`store.transaction`).
 */
export interface ReaderSignalRepo {
  /** Records the first view of each (day, visitor, story); returns how many were new. */
  recordViews(hits: ViewHit[]): Promise<number>;
  /** View counts per published story and hour (`YYYY-MM-DDTHH`) since `since`. */
  hourlyViews(input: { since: Date }): Promise<Array<{ storyId: string; hour: string; count: number; section?: string }>>;
  /** "Read X then Y the same day" counts summed since `since`. */
  coVisits(input: { since: Date }): Promise<Array<{ fromId: string; toId: string; count: number }>>;
  recordImpressions(list: ImpressionRecord[]): Promise<void>;
  recordClicks(list: Array<{ impressionId: string; storyId: string; at: Date }>): Promise<void>;
  /** Impressions (oldest first) with the story ids clicked in each. */
  listImpressions(input: { since?: Date }): Promise<StoredImpression[]>;
  /** Deletes raw events past retention: de-duplication keys after a day, the rest after `retentionDays`. */
  prune(input: { now: Date; retentionDays: number }): Promise<Record<string, number>>;
}

/** A lease as its holder has it: `token` goes up each time the lease changes hands. */
export interface Lease {
  name: string;
  holder: string;
  token: number;
}

export interface LeaseRepo {
  /**
   * Takes or renews the named lease for `holder` until `now + ttlMs`: the lease with its
   * fencing token when `holder` now has it, undefined when another holder's has not run out.
   */
  tryAcquire(input: { name: string; holder: string; ttlMs: number; now: Date }): Promise<Lease | undefined>;
  /**
   * True while `holder` still has the lease with this `token` and it has not run out at `now`.
   * A leader calls it inside its write transaction (from `store.transaction`'s repos) and
   * writes only when it is true: the check locks the lease row, so a takeover waits for
   * that transaction to end, and a stalled leader that lost its lease never writes.
   */
  isHeld(lease: Lease & { now: Date }): Promise<boolean>;
  /** Lets the lease go at once (it runs out now); the next holder bumps the token. */
  release(name: string, holder: string): Promise<void>;
  /** The leases that have not run out at `now`, with their holders. */
  listHeld(now: Date): Promise<Array<{ name: string; holder: string }>>;
}

export interface SearchHit {
  story: Story;
  /** Escaped text with the matching terms in `<mark>` (store/search.ts). */
  snippetHtml: TrustedHtml;
  rank: number;
}

/** Full-text search over published stories: FTS5 on SQLite, tsvector on PostgreSQL. */
export interface SearchIndex {
  /**
   * Indexes published stories (the start of a huge body only: store/search.ts `searchTextOf`),
   * inside the transaction, once their `stories` rows are written. `isNew`: the story has no
   * search row yet to replace.
   */
  indexMany(entries: Array<{ story: Story; isNew: boolean }>): Promise<void>;
  removeMany(storyIds: string[]): Promise<void>;
  query(input: { q: string; limit: number; offset?: number }): Promise<{ hits: SearchHit[]; total: number }>;
}

/** A content API key; the key itself is never stored, only its SHA-256. */
export interface ApiKey {
  id: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
}

export interface ApiKeyRepo {
  create(input: { id: string; name: string; keyHash: string; createdAt: string }): Promise<void>;
  findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  list(): Promise<ApiKey[]>;
  /** Revokes the named key; false when there is no active key of that name. */
  revoke(name: string, at: string): Promise<boolean>;
}

/** A keyset page of published stories, newest first: strictly after `before` in that order. */
export interface ArticlePageQuery {
  before?: { publishedAt: string; id: string };
  section?: string;
  source?: string;
  excludeSources?: string[];
  uri?: string;
  /** First published at or after this ISO time. */
  since?: string;
  limit: number;
}

/** A published story's address parts, for sitemaps. */
export interface ArticleAddress {
  id: string;
  section?: string;
  slug: string;
  publishedAt?: string;
  firstcreated: string;
  versioncreated: string;
}

/** Reads of published stories for the pull surfaces (content API, sitemaps). */
export interface ArticleIndexRepo {
  page(query: ArticlePageQuery): Promise<Story[]>;
  /** Published strictly after `after` (ISO time), newest first. */
  publishedAfter(after: string, limit: number): Promise<Story[]>;
  /** Months (`YYYY-MM` of first publication) with published stories, newest first. */
  months(): Promise<Array<{ month: string; count: number; lastmod: string }>>;
  /** A month's published stories, oldest first. */
  inMonth(input: { month: string; limit: number; offset: number }): Promise<ArticleAddress[]>;
}

/** A user with what signing in checks; only the accounts repo and the newsroom's auth see it. */
export type UserCredentials = User & { passwordHash: string; totpSecret?: string };

/** Newsroom users, sessions, API tokens and login attempts. Secrets are stored as hashes. */
export interface AccountRepo {
  createUser(input: { id: string; email: string; name: string; role: UserRole; passwordHash: string; createdAt: string }): Promise<void>;
  findUser(id: string): Promise<User | undefined>;
  /** By e-mail address (case-insensitive: addresses are stored lower-cased). */
  findCredentials(email: string): Promise<UserCredentials | undefined>;
  totpSecret(id: string): Promise<string | undefined>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  setTotp(id: string, input: { secret: string | null; isEnabled: boolean }): Promise<void>;
  createSession(input: { idHash: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** The session unless it has expired by `now` (ISO). */
  findSession(idHash: string, now: string): Promise<{ userId: string; csrfToken: string; expiresAt: string } | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of the user ("log out everywhere"); how many there were. */
  deleteSessionsOf(userId: string): Promise<number>;
  createToken(input: { id: string; userId: string; tokenHash: string; createdAt: string }): Promise<void>;
  findTokenUser(tokenHash: string): Promise<string | undefined>;
  recordLoginAttempt(input: { email: string; address: string; at: string; isSuccess: boolean }): Promise<void>;
  /** Times of the newest `limit` failed logins after `since`, for the account and for the address, newest first. */
  loginFailures(input: {
    email: string;
    address: string;
    since: string;
    limit: number;
  }): Promise<{ byEmail: string[]; byAddress: string[] }>;
  /** A good login forgets the account's failures (not the address's). */
  clearLoginFailures(email: string): Promise<void>;
  /** Deletes login attempts older than `before` and sessions expired by then (housekeeping at each login). */
  prune(before: string): Promise<void>;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId?: string;
  /** `story.publish`, `user.add`, `session.login`… */
  action: string;
  storyId?: string;
  revision?: number;
  details: Record<string, unknown>;
}

/** The audit log; `append` belongs in the transaction of the change it records. */
export interface AuditRepo {
  append(entry: Omit<AuditEntry, 'id' | 'details'> & { details?: Record<string, unknown> }): Promise<void>;
  /** Newest first. */
  list(query: { storyId?: string; userId?: string; beforeId?: number; limit: number }): Promise<AuditEntry[]>;
}

/** What the newsroom lists: stories in any state, filtered, newest change first. */
export interface DeskQuery {
  states?: string[];
  sourceId?: string;
  /** Stories of any source but this one (the wire queue leaves out the newsroom's own). */
  notSourceId?: string;
  section?: string;
  urgency?: number;
  /** Words of the headline, each matching the start of a headline word, case-insensitive (SQLite also folds accents); an index, not a scan. */
  q?: string;
  /** Strictly after this one in the order (versioncreated desc, id desc). */
  before?: { versioncreated: string; id: string };
  limit: number;
}

/**
 * A row of the newsroom's lists: what the list screens show, read from the story's columns and
 * its authors, never its body (the whole story is `stories.findStored`).
 */
export interface DeskEntry {
  id: string;
  sourceId: string;
  uri: string;
  /** The agency's version, when it sends one. */
  version?: string;
  state: string;
  pubstatus: string;
  headline: string;
  slug: string;
  section?: string;
  language: string;
  urgency?: number;
  firstcreated: string;
  versioncreated: string;
  publishedAt?: string;
  embargoed?: string;
  revision: number;
  authorSlugs: string[];
  editorKilled: boolean;
  editorEdited: boolean;
  wireUpdatePending: boolean;
}

export interface DeskRepo {
  list(query: DeskQuery): Promise<DeskEntry[]>;
  /** How many versions each story has, and the last agency version's receipt, for the wire queue. */
  versionCounts(ids: string[]): Promise<Map<string, { versions: number; lastReceivedAt?: string; lastPubstatus?: string }>>;
}

/** Static pages. A write does not log an event by itself: the newsroom appends a `settings` event in its transaction. */
export interface PageRepo {
  find(slug: string): Promise<Page | undefined>;
  list(): Promise<Page[]>;
  upsert(page: Page): Promise<void>;
  /** False when there was no such page. */
  remove(slug: string): Promise<boolean>;
}

export interface RedirectRepo {
  find(fromPath: string): Promise<Redirect | undefined>;
  list(): Promise<Redirect[]>;
  upsert(redirect: Redirect): Promise<void>;
  remove(fromPath: string): Promise<boolean>;
}

/** The repos, bound either to the pool or to one transaction. */
export interface Repos {
  /**
   * The one story-change operation (store/story-changes.ts): lock, read, decide, write the story
   * with merged flags and a new revision, its version and its event, in one transaction.
   */
  applyStoryChange(request: StoryChangeRequest): Promise<StoryChangeResult>;
  /**
   * The same operation for many changes in order (bulk ingest), as if applied one after another
   * in one transaction: decided one by one, written with one statement per table.
   */
  applyStoryChanges(requests: StoryChangeRequest[]): Promise<StoryChangeResult[]>;
  stories: StoryRepo;
  authors: AuthorRepo;
  sources: SourceRepo;
  sections: SectionRepo;
  media: MediaRepo;
  settings: Settings;
  events: EventRepo;
  views: ViewRepo;
  signals: ReaderSignalRepo;
  leases: LeaseRepo;
  outbox: OutboxRepo;
  channels: ChannelRepo;
  webhooks: WebhookRepo;
  search: SearchIndex;
  apiKeys: ApiKeyRepo;
  articleIndex: ArticleIndexRepo;
  accounts: AccountRepo;
  audit: AuditRepo;
  desk: DeskRepo;
  pages: PageRepo;
  redirects: RedirectRepo;
}

export interface Store extends Repos {
  /** Runs `work` in one transaction; everything it writes commits or rolls back together. */
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
  /** Calls `listener` with events committed by any process, in order, within ~2 seconds. */
  onEvents(listener: (events: StoryEvent[]) => void): () => void;
  /** Queries issued through this store so far (the change feed's own polling excluded). */
  readonly stats: { queries: number };
  migrate(): Promise<void>;
  /** Every story whose stored state differs from what its versions and events make of it (`lede verify`). */
  verify(): Promise<StoryAuditResult>;
  close(): Promise<void>;
}
