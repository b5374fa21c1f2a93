/**
 * The shapes of the newsroom admin API (DESIGN.md, "Newsroom admin API") as this client reads
 * them. Named `…Doc` so they are never mistaken for the server's domain types.
 */
export type Role = 'admin' | 'editor' | 'writer';

export interface UserDoc {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at?: string;
  totp_enabled?: boolean;
}

export interface SessionDoc {
  user: UserDoc;
  csrf_token: string;
}

export interface HeroDoc {
  media_id?: string;
  id?: string;
  href?: string;
  url?: string;
  caption?: string;
  credit?: string;
  alt?: string;
  width?: number;
  height?: number;
  renditions?: RenditionDoc[];
}

export interface RenditionDoc {
  href?: string;
  url?: string;
  width?: number;
  height?: number;
  type?: string;
}

export interface MediaDoc {
  id: string;
  width: number;
  height: number;
  renditions: RenditionDoc[];
  href?: string;
  url?: string;
}

/** An author on a story: the API may send names, or objects with a name. */
export type AuthorRef = string | { id?: string; name: string; slug?: string };

export interface StoryDoc {
  id: string;
  version: number;
  state: string;
  headline: string;
  standfirst?: string | null;
  body_html?: string;
  slug?: string;
  section?: string;
  tags?: string[];
  authors?: AuthorRef[];
  /** The source's slug (`newsroom` for the newsroom's own stories): the site's "Source:" line. */
  source?: string | null;
  byline?: string | null;
  uri?: string;
  usage_notice?: string | null;
  usage_terms?: string | null;
  seo_title?: string | null;
  seo_description?: string | null;
  hero?: HeroDoc | null;
  url?: string | null;
  scheduled_at?: string | null;
  published_at?: string | null;
  updated_at?: string;
  first_created?: string;
  created_at?: string;
  urgency?: number | null;
  editor_edited?: boolean;
  wire_update_pending?: boolean;
  created_by?: string;
  owner_id?: string;
  author_id?: string;
}

export interface StoryPage {
  items: StoryDoc[];
  next_cursor: string | null;
}

export interface RevisionDoc {
  /** Lede's revision number (the story's `version` after that save). */
  revision?: number;
  n?: number;
  origin?: string;
  agency_version?: string | null;
  pubstatus?: string;
  at?: string;
  user?: string;
  by?: string | null;
  kind?: string;
  headline?: string;
  standfirst?: string | null;
  body_html?: string;
  [field: string]: unknown;
}

export interface WireItemDoc {
  id: string;
  story_id?: string;
  source: string;
  uri?: string;
  headline: string;
  section?: string;
  urgency?: number | null;
  /** The story state of the item (held, spiked, published, killed…); `status` on older answers. */
  state?: string;
  status?: string;
  version?: number | string;
  agency_version?: number | string;
  received_at?: string;
  versioncreated?: string;
  updated_at?: string;
  body_html?: string;
  standfirst?: string | null;
  /** The agency's later versions and kills of this item, newest first. */
  updates?: Array<{ version?: number | string; at?: string; pubstatus?: string; kind?: string; headline?: string }>;
  pubstatus?: string;
  /** How many versions the agency sent, and when the last arrived. */
  agency_versions?: number;
  last_agency_version_at?: string | null;
  /** The agency killed the item (its kill always applies). */
  agency_killed?: boolean;
  /** A later agency version waits behind an editor's change. */
  wire_update_pending?: boolean;
}

export interface WirePage {
  items: WireItemDoc[];
  next_cursor: string | null;
}
