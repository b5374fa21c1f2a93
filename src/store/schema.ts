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
  stories: StoryRow;
  story_tags: StoryTagRow;
  story_authors: StoryAuthorRow;
  story_slugs: StorySlugRow;
  story_versions: StoryVersionRow;
  events: EventRow;
  settings: SettingRow;
  views: ViewRow;
  leases: LeaseRow;
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

export interface LeaseRow {
  name: string;
  holder: string;
  expires_at: string;
}
