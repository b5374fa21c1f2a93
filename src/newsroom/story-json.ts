import { LedeError } from '../core/errors.js';
import { absoluteUrl, articlePath } from '../core/urls.js';
import type { DeskEntry, StoredStory } from '../store/types.js';

/** A story as the admin API answers it; `version` is Lede's revision (the `If-Match` to send back). */
export function storyJson(story: StoredStory, publicUrl: string) {
  return {
    id: story.id,
    version: story.revision,
    state: story.state,
    source: story.sourceId,
    uri: story.uri,
    headline: story.headline,
    standfirst: story.standfirst ?? null,
    body_html: story.bodyHtml,
    section: story.section ?? null,
    slug: story.slug,
    tags: story.tags,
    authors: story.authorSlugs,
    byline: story.byline ?? null,
    hero: story.hero
      ? {
          media_id: story.hero.mediaId,
          width: story.hero.width,
          height: story.hero.height,
          caption: story.hero.caption ?? null,
          alt: story.hero.alt ?? null,
          photographer: story.hero.photographer ?? null,
          credit: story.hero.creditSource ?? null,
        }
      : null,
    usage_notice: story.usageterms ?? null,
    seo_title: story.seo?.title ?? null,
    seo_description: story.seo?.description ?? null,
    urgency: story.urgency ?? null,
    language: story.language,
    corrections: story.corrections,
    created_by: story.createdBy ?? null,
    first_created: story.firstcreated,
    updated_at: story.versioncreated,
    published_at: story.publishedAt ?? null,
    scheduled_at: story.state === 'scheduled' ? (story.embargoed ?? null) : null,
    agency_version: story.version ?? null,
    pubstatus: story.pubstatus,
    editor_edited: story.editorEdited,
    wire_update_pending: story.wireUpdatePending,
    editor_killed: story.editorKilled,
    ...(story.state === 'published' ? { url: absoluteUrl(publicUrl, articlePath(story)) } : {}),
  };
}

/**
 * A story as the admin API lists it (`GET stories`, `GET wire`): what the list screens show,
 * without the body, standfirst, hero or corrections; `GET stories/{id}` gives the whole story.
 * A page of 50 bodies was most of a list answer's bytes and of its time to build.
 */
export function storyListJson(entry: DeskEntry, publicUrl: string) {
  return {
    id: entry.id,
    version: entry.revision,
    state: entry.state,
    source: entry.sourceId,
    uri: entry.uri,
    headline: entry.headline,
    section: entry.section ?? null,
    slug: entry.slug,
    authors: entry.authorSlugs,
    urgency: entry.urgency ?? null,
    language: entry.language,
    first_created: entry.firstcreated,
    updated_at: entry.versioncreated,
    published_at: entry.publishedAt ?? null,
    scheduled_at: entry.state === 'scheduled' ? (entry.embargoed ?? null) : null,
    agency_version: entry.version ?? null,
    pubstatus: entry.pubstatus,
    editor_edited: entry.editorEdited,
    wire_update_pending: entry.wireUpdatePending,
    editor_killed: entry.editorKilled,
    ...(entry.state === 'published' ? { url: absoluteUrl(publicUrl, articlePath(entry)) } : {}),
  };
}

/** An opaque keyset cursor: the last row's sort key. */
export const encodeCursor = (story: { versioncreated: string; id: string }) =>
  Buffer.from(JSON.stringify([story.versioncreated, story.id])).toString('base64url');

export function decodeCursor(cursor: string | undefined): { versioncreated: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [versioncreated, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof versioncreated === 'string' && typeof id === 'string') return { versioncreated, id };
  } catch {
    // answered below
  }
  throw new LedeError('LEDE_NEWSROOM_INVALID', 'cursor: is not a cursor this API gave', { details: { field: 'cursor' } });
}

/** `If-Match: "12"` (or `W/"12"`, or a bare 12) → 12; absent → undefined; anything else → 400. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(value ?? '');
  if (!match) {
    throw new LedeError('LEDE_NEWSROOM_INVALID', 'If-Match: must be the story\'s version in quotes, e.g. "3"', {
      details: { field: 'If-Match' },
    });
  }
  return Number(match[1]);
}
