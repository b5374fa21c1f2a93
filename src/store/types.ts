import type { EventKind } from '../core/lifecycle.js';
import type { Ninjs } from '../core/ninjs.js';
import type { Author, Media, Section, Source, Story, StoryState } from '../core/story.js';
import type { ChannelRepo, OutboxRepo, WebhookRepo } from './outbox-types.js';

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
  limit: number;
  offset?: number;
  excludeIds?: string[];
}

export interface StoryPage {
  stories: Story[];
  total: number;
}

/** Stories: reads for the surfaces, writes for the ingest pipeline (inside a transaction). */
export interface StoryRepo {
  findById(id: string): Promise<Story | undefined>;
  findByIds(ids: string[]): Promise<Story[]>;
  findByUri(sourceId: string, uri: string): Promise<(Story & StoryFlags) | undefined>;
  /**
   * Current or former slug; the route answers 301 when it is not the current path. Slugs
   * repeat across days, so `publishedOn` (YYYY-MM-DD of first publication) picks that day's story.
   */
  findBySlug(slug: string, publishedOn?: string): Promise<Story | undefined>;
  /** Published stories, newest first by first publication. */
  listPublished(query: ListQuery): Promise<StoryPage>;
  /** Stories whose `embargoed` time has come but whose state is still `embargoed`. */
  listDueEmbargoes(now: Date, limit: number): Promise<Story[]>;
  /** Stories published and past their `expires`. */
  listDueExpiries(now: Date, limit: number): Promise<Story[]>;
  /** Tags with their display names, for tag pages. */
  findTag(slug: string): Promise<{ slug: string; name: string } | undefined>;
  /**
   * Flags not given are cleared: pass the stored ones on to keep them. `previous` is the
   * stored story read in the same transaction (`null`: known to be new), so that unchanged
   * tags, authors, slug and search rows are not written again.
   */
  save(story: Story, options?: Partial<StoryFlags> & { previous?: Story | null }): Promise<void>;
  /** Stories (any state) whose hero is the given picture. */
  listByHeroMedia(mediaId: string): Promise<Story[]>;
  setState(id: string, state: StoryState, publishedAt?: string): Promise<void>;
  addVersion(input: { storyId: string; version?: string; pubstatus: string; receivedAt: string; ninjs: Ninjs }): Promise<void>;
  history(storyId: string): Promise<Array<{ version?: string; pubstatus: string; receivedAt: string; ninjs: Ninjs }>>;
  count(): Promise<number>;
}

export interface AuthorRepo {
  upsert(author: Author): Promise<void>;
  findBySlug(slug: string): Promise<Author | undefined>;
  findBySlugs(slugs: string[]): Promise<Author[]>;
  list(): Promise<Author[]>;
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
}

export interface MediaRepo {
  upsert(media: Media): Promise<void>;
  findById(id: string): Promise<Media | undefined>;
  /** The agency killed the picture; it keeps its row (and file) but is never used again. */
  markKilled(id: string, at: string): Promise<void>;
}

export interface SettingsRepo {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface EventRepo {
  append(event: Omit<StoryEvent, 'id'>): Promise<number>;
  listAfter(id: number, limit: number): Promise<StoryEvent[]>;
  latestId(): Promise<number>;
  latestForStory(storyId: string): Promise<StoryEvent | undefined>;
}

export interface ViewRepo {
  record(storyId: string, at: Date): Promise<void>;
  /** Ids of the most viewed published stories since `since`, most viewed first. */
  mostRead(input: { since: Date; limit: number }): Promise<string[]>;
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
}

export interface SearchHit {
  story: Story;
  /** Safe HTML: escaped text with the matching terms in `<mark>`. */
  snippetHtml: string;
  rank: number;
}

/** Full-text search over published stories: FTS5 on SQLite, tsvector on PostgreSQL. */
export interface SearchIndex {
  /** `isNew`: the story has no search row yet, so there is none to replace. */
  index(story: Story, options?: { isNew?: boolean }): Promise<void>;
  remove(storyId: string): Promise<void>;
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

/** The repos, bound either to the pool or to one transaction. */
export interface Repos {
  stories: StoryRepo;
  authors: AuthorRepo;
  sources: SourceRepo;
  sections: SectionRepo;
  media: MediaRepo;
  settings: SettingsRepo;
  events: EventRepo;
  views: ViewRepo;
  leases: LeaseRepo;
  outbox: OutboxRepo;
  channels: ChannelRepo;
  webhooks: WebhookRepo;
  search: SearchIndex;
  apiKeys: ApiKeyRepo;
  articleIndex: ArticleIndexRepo;
}

export interface StoreCapabilities {
  /** Another process can write to the same database (always true; kept for clarity). */
  sharedByProcesses: boolean;
  hasFullTextRanking: boolean;
}

export interface Store extends Repos {
  readonly capabilities: StoreCapabilities;
  /** Runs `work` in one transaction; everything it writes commits or rolls back together. */
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
  /** Calls `listener` with events committed by any process, in order, within ~2 seconds. */
  onEvents(listener: (events: StoryEvent[]) => void): () => void;
  /** Queries issued through this store so far (the change feed's own polling excluded). */
  readonly stats: { queries: number };
  migrate(): Promise<void>;
  close(): Promise<void>;
}
