import { authorSlug } from './format';
import type { HeroDoc, StoryDoc } from './types';

/** What the editor form holds; lists are edited as comma-separated text. */
export interface Draft {
  headline: string;
  standfirst: string;
  body_html: string;
  slug: string;
  section: string;
  tags: string;
  authors: string;
  byline: string;
  usage_notice: string;
  seo_title: string;
  seo_description: string;
  hero: HeroDoc | null;
}

export const emptyDraft: Draft = {
  headline: '',
  standfirst: '',
  body_html: '',
  slug: '',
  section: '',
  tags: '',
  authors: '',
  byline: '',
  usage_notice: '',
  seo_title: '',
  seo_description: '',
  hero: null,
};

export function draftOf(story: StoryDoc): Draft {
  return {
    headline: story.headline ?? '',
    standfirst: story.standfirst ?? '',
    body_html: story.body_html ?? '',
    slug: story.slug ?? '',
    section: story.section ?? '',
    tags: (story.tags ?? []).join(', '),
    authors: (story.authors ?? []).map(authorSlug).join(', '),
    byline: story.byline ?? '',
    usage_notice: story.usage_notice ?? story.usage_terms ?? '',
    seo_title: story.seo_title ?? '',
    seo_description: story.seo_description ?? '',
    hero: story.hero ?? null,
  };
}

export const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function heroPayload(hero: HeroDoc | null): Record<string, unknown> | null {
  if (!hero) return null;
  return {
    media_id: hero.media_id ?? hero.id,
    caption: hero.caption?.trim() || undefined,
    credit: hero.credit?.trim() || undefined,
    alt: hero.alt?.trim() ?? '',
  };
}

/**
 * The API body of every field of a draft. Optional texts are sent empty rather than null (the
 * schema takes strings); an empty slug is left out (the server makes one from the headline).
 */
function payloadOf(draft: Draft): Record<string, unknown> {
  return {
    headline: draft.headline.trim(),
    standfirst: draft.standfirst.trim(),
    body_html: draft.body_html,
    slug: draft.slug.trim() || undefined,
    section: draft.section.trim(),
    tags: splitList(draft.tags),
    authors: splitList(draft.authors),
    byline: draft.byline.trim(),
    usage_notice: draft.usage_notice.trim(),
    seo_title: draft.seo_title.trim(),
    seo_description: draft.seo_description.trim(),
    hero: heroPayload(draft.hero),
  };
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** `POST stories`: every field that has a value. */
export function createPayload(draft: Draft): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payloadOf(draft)).filter(([, value]) => !isEmpty(value)));
}

/** `PATCH stories/{id}`: only the fields changed since the last saved draft. */
export function patchPayload(saved: Draft, draft: Draft): Record<string, unknown> {
  const before = payloadOf(saved);
  const after = payloadOf(draft);
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after))
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
  return changed;
}

export function isSameDraft(a: Draft, b: Draft): boolean {
  return Object.keys(patchPayload(a, b)).length === 0;
}

/** Problems the form shows before it asks the server (which checks them all again). */
export function draftProblems(draft: Draft): Partial<Record<keyof Draft | 'alt', string>> {
  const problems: Partial<Record<keyof Draft | 'alt', string>> = {};
  if (!draft.headline.trim()) problems.headline = 'A headline is required.';
  if (!draft.section.trim()) problems.section = 'Choose a section.';
  if (draft.hero && !draft.hero.alt?.trim()) problems.alt = 'Describe the picture for readers who cannot see it (alt text is required).';
  return problems;
}

export const fieldLabels: Record<keyof Draft, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  body_html: 'Body',
  slug: 'Slug',
  section: 'Section',
  tags: 'Tags',
  authors: 'Authors',
  byline: 'Byline',
  usage_notice: 'Usage notice',
  seo_title: 'SEO title',
  seo_description: 'SEO description',
  hero: 'Hero image',
};
