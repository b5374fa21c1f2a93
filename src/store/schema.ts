import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Times are ISO 8601 UTC strings (`toISOString()`), JSON is text:
 * the same representation on SQLite and PostgreSQL, so one set of repositories serves both.
 */
export interface Database {
  sources: SourceRow;
  sections: SectionRow;
  authors: AuthorRow;
  media: MediaRow;
  media_renditions: MediaRenditionRow;
  stories: StoryRow;
  story_tags: StoryTagRow;
  story_authors: StoryAuthorRow;
  story_slugs: StorySlugRow;
  story_versions: StoryVersionRow;
  events: EventRow;
  settings: SettingRow;
  views: ViewRow;
  view_seen: ViewSeenRow;
  view_counts: ViewCountRow;
  co_visits: CoVisitRow;
  signal_locks: SignalLockRow;
  impressions: ImpressionRow;
  impression_clicks: ImpressionClickRow;
  leases: LeaseRow;
  source_status: SourceStatusRow;
  api_keys: ApiKeyRow;
  channels: ChannelRow;
  webhooks: WebhookRow;
  outbox: OutboxRow;
  channel_posts: ChannelPostRow;
  users: UserRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  login_attempts: LoginAttemptRow;
  audit_log: AuditRow;
  pages: PageRow;
  redirects: RedirectRow;
}

export interface SourceRow {
  slug: string;
  name: string;
  short_name: string;
  kind: string;
  copyrightholder: string | null;
  usage_notice: string | null;
  photo_credit: string | null;
  publish_rule: string;
  /** JSON of SourceRules (core/source-rules.ts). */
  rules: string;
  /** JSON of SourceRights (core/story.ts). */
  rights: string;
  /** SHA-256 (hex) of the push bearer token: only verified, never read back. */
  push_token_hash: Generated<string | null>;
  push_hmac_secret: Generated<string | null>;
}

/** Delivery status of one source: health, and the feed poller's state between polls. */
export interface SourceStatusRow {
  source_slug: string;
  last_item_at: string | null;
  errors_total: Generated<number>;
  last_error: string | null;
  last_error_at: string | null;
  feed_etag: string | null;
  feed_last_modified: string | null;
  feed_next_poll_at: string | null;
  feed_failures: Generated<number>;
  /** Set when the idle alert fired; cleared by the next item. */
  silent_since: string | null;
}

export interface SectionRow {
  slug: string;
  name: string;
  position: number;
  subjects: string;
}

export interface AuthorRow {
  slug: string;
  name: string;
  role: string | null;
  bio: string | null;
  source_id: string | null;
  avatar_media_id: string | null;
  /** JSON `[{"label","href"}]`; null when none. */
  links: string | null;
}

export interface MediaRow {
  id: string;
  uri: string | null;
  content_type: string;
  width: number;
  height: number;
  path: string;
  byline: string | null;
  credit: string | null;
  caption: string | null;
  /** The agency killed the picture: no story may show it again. */
  killed_at: Generated<string | null>;
  alt: Generated<string | null>;
  source: Generated<string | null>;
  original_path: Generated<string | null>;
  /** When the picture was first stored (ISO time): the media library's order. */
  added_at: Generated<string | null>;
}

/** One responsive rendition of a picture (core/renditions.ts), made once and kept in media storage. */
export interface MediaRenditionRow {
  media_id: string;
  recipe: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  /** Media storage key of the file. */
  path: string;
}

export interface StoryRow {
  id: string;
  source_id: string;
  uri: string;
  version: string | null;
  state: string;
  pubstatus: string;
  editor_killed: number;
  headline: string;
  slug: string;
  section: string | null;
  language: string;
  urgency: number | null;
  firstcreated: string;
  versioncreated: string;
  published_at: string | null;
  embargoed: string | null;
  expires: string | null;
  content_hash: string;
  fingerprint: string | null;
  hero_media_id: string | null;
  /** An editor changed the agency copy: later agency versions only flag the story. */
  editor_edited: Generated<number>;
  wire_update_pending: Generated<number>;
  /** Lede's own revision number, bumped by every change (never the agency's version). */
  revision: Generated<number>;
  /** The whole Story as JSON; the columns above are copies for queries. */
  data: string;
}

export interface StoryTagRow {
  story_id: string;
  tag: string;
  name: string;
}

export interface StoryAuthorRow {
  story_id: string;
  author_slug: string;
  position: number;
}

export interface StorySlugRow {
  slug: string;
  story_id: string;
}

export interface StoryVersionRow {
  id: Generated<number>;
  story_id: string;
  version: string | null;
  pubstatus: string;
  received_at: string;
  ninjs: string;
  /** The story revision this version made (unique per story). */
  revision: number | null;
  /** The user whose save this is; null for an agency version (0008). */
  editor_id: Generated<string | null>;
}

export interface EventRow {
  id: Generated<number>;
  story_id: string;
  kind: string;
  version: string | null;
  /** Who caused it: `wire` (ingest), `demo` (never pushed to channels), `editor`, `clock`. */
  origin: Generated<string>;
  at: string;
}

export interface SettingRow {
  key: string;
  value: string;
}

export interface ViewRow {
  story_id: string;
  day: string;
  count: number;
}

export interface ViewSeenRow {
  day: string;
  visitor: string;
  story_id: string;
  seen_at: string;
  is_profiled: number;
}

export interface ViewCountRow {
  story_id: string;
  /** `YYYY-MM-DDTHH` (UTC). */
  hour: string;
  count: number;
}

export interface CoVisitRow {
  from_id: string;
  to_id: string;
  day: string;
  count: number;
}

export interface SignalLockRow {
  name: string;
  batches: number;
}

export interface ImpressionRow {
  id: string;
  browser: string;
  slot: string;
  page: string;
  shown_at: string;
  items: string;
  history: string;
}

export interface ImpressionClickRow {
  impression_id: string;
  story_id: string;
  clicked_at: string;
}

export interface LeaseRow {
  name: string;
  holder: string;
  expires_at: string;
  /** Fencing token: bumped whenever the lease changes hands (0007). */
  token: Generated<number>;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ChannelRow {
  name: string;
  kind: string;
  enabled: number;
  /** JSON, without secrets: what the channel is set to and where each value came from. */
  config: string;
  updated_at: string;
}

export interface WebhookRow {
  id: Generated<number>;
  url: string;
  secret: string;
  /** JSON array of the event kinds the subscriber wants. */
  events: string;
  active: number;
  created_at: string;
}

export interface OutboxRow {
  id: Generated<number>;
  delivery_key: string;
  event_id: number;
  story_id: string;
  version: string | null;
  channel: string;
  kind: string;
  priority: number;
  status: string;
  attempts: Generated<number>;
  failures: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
  result: string | null;
  created_at: string;
  finished_at: string | null;
  /** JSON of the Story when the event was written (webhook rows; migration 0006). */
  story_snapshot: string | null;
}

export interface ChannelPostRow {
  story_id: string;
  channel: string;
  remote_id: string;
  state: string;
  data: string;
  posted_at: string;
  updated_at: string;
}

/** A newsroom account (0008). */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  /** argon2id PHC string. */
  password_hash: string;
  /** Base32 TOTP secret, set when two-factor sign-in is being or has been set up. */
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionRow {
  /** SHA-256 (hex) of the session cookie's value: a stolen table opens no session. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  /** SHA-256 (hex) of the token; the token is shown once. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface LoginAttemptRow {
  id: Generated<number>;
  /** Lower-cased, as typed (also for unknown accounts). */
  email: string;
  address: string;
  at: string;
  succeeded: number;
}

export interface AuditRow {
  id: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  story_id: string | null;
  revision: number | null;
  /** JSON object. */
  details: string;
}

/** A static page (About, Contact…) at `/page/{slug}` (0009). */
export interface PageRow {
  slug: string;
  title: string;
  /** Sanitised by the body allowlist when written. */
  body_html: string;
  updated_at: string;
  updated_by: string | null;
}

/** A 301 from an old path to a new one (0009). */
export interface RedirectRow {
  from_path: string;
  to_path: string;
  created_at: string;
  created_by: string | null;
}
