import type { Ninjs, PubStatus } from './ninjs.js';
import type { SourceRules } from './source-rules.js';

declare const sanitized: unique symbol;

/**
 * A story body that passed the allowlist of INGEST-CONTRACT §7. Only the sanitiser
 * (ingest/sanitize.ts) makes one, and the store's row reader for what the sanitiser wrote;
 * test/architecture.test.ts fails on a cast to it anywhere else. A template takes it raw,
 * a plain string never.
 */
export type SanitizedHtml = string & { readonly [sanitized]: 'SanitizedHtml' };

/**
 * Where a story stands on the site. Only `published` stories appear on any surface;
 * `killed` answers 410, the hidden states answer 404.
 */
export type StoryState =
  | 'published'
  | 'embargoed'
  | 'withheld'
  | 'held'
  | 'expired'
  | 'killed'
  // The newsroom's own: a draft, one submitted for review, one set to publish at a time (released
  // like an embargo), one an editor took down, and agency copy spiked from the wire queue.
  | 'draft'
  | 'review'
  | 'scheduled'
  | 'unpublished'
  | 'spiked';

export interface HeroImage {
  mediaId: string;
  width: number;
  height: number;
  caption?: string;
  /** Photographer, e.g. "Jane Roe"; shown as "Photo: Jane Roe / AGENCY". */
  photographer?: string;
  /** Agency or owner of the picture, e.g. "AFP". */
  creditSource?: string;
  alt?: string;
}

export interface Correction {
  at: string;
  text: string;
}

/** A stored story: the latest accepted version of one (source, uri). */
export interface Story {
  id: string;
  sourceId: string;
  uri: string;
  version?: string;
  state: StoryState;
  pubstatus: PubStatus;
  headline: string;
  subheadline?: string;
  standfirst?: string;
  bodyHtml: SanitizedHtml;
  language: string;
  firstcreated: string;
  versioncreated: string;
  /** First time the story became visible; URLs and the news sitemap count from it. */
  publishedAt?: string;
  embargoed?: string;
  expires?: string;
  urgency?: number;
  slugline?: string;
  located?: string;
  dateline?: string;
  ednote?: string;
  byline?: string;
  section?: string;
  tags: string[];
  authorSlugs: string[];
  hero?: HeroImage;
  copyrightholder?: string;
  copyrightnotice?: string;
  usageterms?: string;
  corrections: Correction[];
  slug: string;
  contentHash: string;
  /** Lede's own revision number, bumped by every change (the newsroom's `If-Match`); set by the store. */
  revision?: number;
  /** The newsroom user who created the story (writers may edit only their own drafts). */
  createdBy?: string;
  /** Search-engine title and description, when an editor sets them apart from headline and standfirst. */
  seo?: { title?: string; description?: string };
  /** Near-duplicate fingerprint of headline and body (core/fingerprint.ts), for clustering. */
  fingerprint?: string;
  /**
   * The item as received (sanitised), for the content API: without its bodies, which are
   * `bodyHtml` (the whole item is in the version history).
   */
  ninjs: Omit<Ninjs, 'bodies'>;
}

export interface Author {
  slug: string;
  name: string;
  role?: string;
  bio?: string;
  sourceId?: string;
  avatarMediaId?: string;
  /** Social links shown on the author page; left undefined on a write, the stored ones stay. */
  links?: AuthorLink[];
}

export interface AuthorLink {
  label: string;
  href: string;
}

export interface Source {
  slug: string;
  name: string;
  shortName: string;
  kind: 'agency' | 'inhouse' | 'partner';
  copyrightholder?: string;
  usageNotice?: string;
  photoCredit?: string;
  /** `auto` publishes on receipt; `hold` waits in the newsroom queue. */
  publishRule: 'auto' | 'hold';
  /** What the licence allows; absent means allowed. Every channel and feed honours it. */
  rights?: SourceRights;
  /** Ingest rules: time zone, section map, default byline, versions, transports (core/source-rules.ts). */
  rules?: SourceRules;
}

/** Per-source licence terms: some agencies forbid social posting, full text in feeds or the API. */
export interface SourceRights {
  /** Posting to social channels (Telegram…). */
  social?: boolean;
  /** Full text in public feeds (otherwise an excerpt). */
  feedsFullText?: boolean;
  /** The story in the public content API. */
  api?: boolean;
  /** Webhook subscribers (partners under contract). */
  webhooks?: boolean;
}

/** Reads a right with its default: allowed unless the source says otherwise. */
export function isAllowed(source: Pick<Source, 'rights'> | undefined, right: keyof SourceRights): boolean {
  return source?.rights?.[right] !== false;
}

export interface Section {
  slug: string;
  name: string;
  position: number;
  subjects: string[];
}

export interface Media {
  id: string;
  uri?: string;
  contentType: string;
  width: number;
  height: number;
  path: string;
  byline?: string;
  credit?: string;
  caption?: string;
  /** Text alternative (required for uploads; agency pictures rarely carry one). */
  alt?: string;
  /** Where the picture came from (an upload's `source`, e.g. "Staff" or an agency name). */
  source?: string;
  /** Storage key of the file as uploaded, kept apart and never served (it may carry EXIF/GPS). */
  originalPath?: string;
  /** Set when the agency killed the picture. */
  killedAt?: string;
  /** When the picture was first stored (set by the store when not given); a later write keeps it. */
  addedAt?: string;
}

export interface Callout {
  text: string;
  href: string;
  afterParagraph: number;
  every?: number;
  /** The language of `text` (default: the site's). */
  language?: string;
  /** Only on articles of these sections (default: all). */
  sections?: string[];
  /** `false` keeps the call-out without showing it. */
  enabled?: boolean;
}

export const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** The primary subtag of a BCP 47 tag, lower case: `en` for `en-GB`. */
export function primaryLanguage(language: string): string {
  return language.toLowerCase().split('-')[0] ?? '';
}

export function textDirection(language: string): 'rtl' | 'ltr' {
  return rtlLanguages.has(primaryLanguage(language)) ? 'rtl' : 'ltr';
}

/** A static page (About, Contact, Privacy…) at `/page/{slug}`, edited in the newsroom. */
export interface Page {
  slug: string;
  title: string;
  bodyHtml: SanitizedHtml;
  updatedAt: string;
  updatedBy?: string;
}

/** A permanent redirect of a site path (an old URL) to another path or URL. */
export interface Redirect {
  fromPath: string;
  toPath: string;
  createdAt: string;
  createdBy?: string;
}
