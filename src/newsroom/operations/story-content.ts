import { createHash } from 'node:crypto';
import { textFingerprint } from '../../core/fingerprint.js';
import { mainBodyHtml, mainHeadline, type Ninjs, textsByRole } from '../../core/ninjs.js';
import type { Correction, HeroImage, Source, Story } from '../../core/story.js';
import { htmlToText } from '../../core/text.js';
import { slugify } from '../../core/urls.js';
import { sanitizeBody } from '../../ingest/sanitize.js';
import type { PatchStoryInput } from '../schemas.js';

/** The built-in source of the newsroom's own stories: published by editors, never held. */
export const newsroomSource: Source = {
  slug: 'newsroom',
  name: 'Newsroom',
  shortName: 'Newsroom',
  kind: 'inhouse',
  publishRule: 'auto',
};

/** What a revision keeps besides the ninjs fields, so that restoring it brings back the whole edit. */
interface SnapshotExtension {
  section?: string;
  slug: string;
  authorSlugs: string[];
  hero?: HeroImage;
  seo?: { title?: string; description?: string };
}

type Snapshot = Ninjs & { lede?: SnapshotExtension };

/** A story as one revision records it: the item (as ninjs) plus the newsroom's own fields. */
export function snapshotOf(story: Story): Ninjs {
  const snapshot: Snapshot = {
    ...story.ninjs,
    uri: story.uri,
    ...(story.version !== undefined ? { version: story.version } : {}),
    pubstatus: story.pubstatus,
    language: story.language,
    firstcreated: story.firstcreated,
    versioncreated: story.versioncreated,
    headlines: [{ role: 'main', value: story.headline }, ...(story.subheadline ? [{ role: 'sub', value: story.subheadline }] : [])],
    descriptions: story.standfirst ? [{ role: 'summary', value: story.standfirst }] : [],
    bodies: [{ role: 'main', contenttype: 'text/html', value: story.bodyHtml }],
    keywords: story.tags,
    ...(story.byline ? { by: story.byline } : {}),
    ...(story.usageterms ? { usageterms: story.usageterms } : {}),
    ...(story.urgency !== undefined ? { urgency: story.urgency } : {}),
    lede: { section: story.section, slug: story.slug, authorSlugs: story.authorSlugs, hero: story.hero, seo: story.seo },
  };
  return snapshot;
}

/** The item part a story keeps as `ninjs` (without bodies: the body is `bodyHtml`). */
function itemOf(story: Story): Story['ninjs'] {
  const { bodies: _bodies, lede: _lede, ...item } = snapshotOf(story) as Snapshot;
  return item;
}

/**
 * The editable content of a recorded revision, over the story as it is now: an editor's save
 * brings back every field; an agency version its text (the section, slug and authors stay).
 */
export function contentOfRevision(ninjs: Ninjs, current: Story): Story {
  const extension = (ninjs as Snapshot).lede;
  const body = mainBodyHtml(ninjs);
  return {
    ...current,
    headline: mainHeadline(ninjs) ?? current.headline,
    subheadline: textsByRole(ninjs.headlines, 'sub')[0],
    standfirst: textsByRole(ninjs.descriptions, 'summary')[0],
    // Recorded bodies passed the allowlist when they were written; checked again all the same.
    bodyHtml: body === undefined ? current.bodyHtml : sanitizeBody(body),
    tags: ninjs.keywords ?? [],
    byline: ninjs.by,
    usageterms: ninjs.usageterms ?? current.usageterms,
    urgency: ninjs.urgency,
    ...(extension
      ? { section: extension.section, slug: extension.slug, authorSlugs: extension.authorSlugs, hero: extension.hero, seo: extension.seo }
      : {}),
  };
}

const hashOf = (story: Story) =>
  createHash('sha256')
    .update(JSON.stringify([story.headline, story.standfirst, story.bodyHtml, story.section, story.tags, story.authorSlugs, story.hero]))
    .digest('hex')
    .slice(0, 32);

/**
 * The derived fields of a story after an edit: item, content hash, fingerprint. Agency copy keeps
 * the agency's content hash: versions without numbers are told apart by it, and an edit must not
 * make the same agency item look new when its feed serves it again.
 */
export function finishStory(story: Story): Story {
  const contentHash = story.sourceId === newsroomSource.slug ? hashOf(story) : story.contentHash;
  const finished = { ...story, contentHash, fingerprint: textFingerprint(`${story.headline}\n${htmlToText(story.bodyHtml)}`) };
  return { ...finished, ninjs: itemOf(finished) };
}

/**
 * The story with an editor's fields applied. The body goes through the wire copy's allowlist
 * (no script, style, event attribute or javascript: URL is ever stored). A draft's slug follows
 * its headline; once published it stays (old slugs answer 301) unless the editor sets one.
 */
export function applyFields(current: Story, input: PatchStoryInput, resolved: { hero?: HeroImage | null }): Story {
  const next: Story = { ...current };
  if (input.headline !== undefined) next.headline = input.headline;
  if (input.body_html !== undefined) next.bodyHtml = sanitizeBody(input.body_html.normalize('NFC'));
  if (input.section !== undefined) next.section = input.section;
  if (input.standfirst !== undefined) next.standfirst = input.standfirst || undefined;
  if (input.tags !== undefined) next.tags = [...new Set(input.tags)];
  if (input.authors !== undefined) next.authorSlugs = [...new Set(input.authors)];
  if (resolved.hero !== undefined) next.hero = resolved.hero ?? undefined;
  if (input.byline !== undefined) next.byline = input.byline || undefined;
  if (input.usage_notice !== undefined) next.usageterms = input.usage_notice || undefined;
  if (input.urgency !== undefined) next.urgency = input.urgency;
  if (input.seo_title !== undefined || input.seo_description !== undefined) {
    const seo = { ...current.seo };
    if (input.seo_title !== undefined) seo.title = input.seo_title || undefined;
    if (input.seo_description !== undefined) seo.description = input.seo_description || undefined;
    next.seo = seo.title || seo.description ? seo : undefined;
  }
  if (input.slug !== undefined) next.slug = input.slug;
  else if (input.headline !== undefined && !current.publishedAt) next.slug = slugify(input.headline);
  return next;
}

/** A change "in substance" of a published story: its headline or the words of its body. */
export function isSubstantialChange(before: Story, after: Story): boolean {
  const words = (html: string) => htmlToText(html).replace(/\s+/g, ' ').trim();
  return before.headline !== after.headline || words(before.bodyHtml) !== words(after.bodyHtml);
}

export const defaultCorrectionText = 'This story was updated after publication.';

/** The corrections after a change: a published story that changed in substance gets a note with its time. */
export function correctionsAfter(input: { before: Story; after: Story; text?: string; at: string }): Correction[] {
  const { before, after } = input;
  if (before.state !== 'published' || (!input.text && !isSubstantialChange(before, after))) return after.corrections;
  return [...after.corrections, { at: input.at, text: input.text ?? defaultCorrectionText }];
}
