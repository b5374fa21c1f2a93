import { createHash } from 'node:crypto';
import { textFingerprint } from '../core/fingerprint.js';
import type { Ninjs } from '../core/ninjs.js';
import { mainBodyHtml, mainHeadline, textsByRole } from '../core/ninjs.js';
import { sectionFromRules } from '../core/source-rules.js';
import type { Author, Correction, Media, SanitizedHtml, Section, Source, Story, StoryState } from '../core/story.js';
import { excerpt, htmlToText } from '../core/text.js';
import { slugify } from '../core/urls.js';
import { emptyBody, toSanitizedHtml } from './sanitize.js';

/** Our opaque story id: stable for a (source, uri), so re-ingesting gives the same id. */
export function storyIdFor(sourceId: string, uri: string): string {
  return createHash('sha256').update(`${sourceId}\n${uri}`).digest('base64url').slice(0, 14);
}

/**
 * What the storing thread would otherwise compute from an item alone, which a parse worker
 * computes beside the parser (parse-pool.ts): for a 19 MB body, the hash, the text and its
 * fingerprint took the storing thread, and so the whole site, for seconds; the allowlist check
 * of the body a tenth of a second more (the sanitiser still makes the SanitizedHtml, told that
 * the worker checked this very string).
 */
export interface ItemFacts {
  contentHash: string;
  /** Of the item's own main body, when it has one. */
  body?: {
    /** `excerpt` of its text, for an item with neither headline nor slugline. */
    excerpt?: string;
    /** The headline `buildStory` gives the item when nothing is stored, and the fingerprint of it with the body's text. */
    headline: string;
    fingerprint?: string;
    /** The body as delivered is in the allowlist form (`toSanitizedHtml` gave it back unchanged). */
    isAllowlistForm: boolean;
  };
}

const knownFacts = new WeakMap<Ninjs, ItemFacts>();

function hashOf(item: Ninjs): string {
  return createHash('sha256').update(JSON.stringify(item)).digest('hex').slice(0, 32);
}

export function contentHashOf(item: Ninjs): string {
  return knownFacts.get(item)?.contentHash ?? hashOf(item);
}

/** Computes an item's facts (in a parse worker): exactly what `buildStory` computes when nothing is stored. */
export function itemFactsOf(item: Ninjs): ItemFacts {
  const contentHash = hashOf(item);
  const html = mainBodyHtml(item);
  if (html === undefined) return { contentHash };
  const body = toSanitizedHtml(html);
  const text = htmlToText(body);
  const named = mainHeadline(item) ?? item.slugline;
  const lead = named === undefined ? excerpt(text, 90) : undefined;
  const headline = named ?? (lead || item.uri);
  return {
    contentHash,
    body: { excerpt: lead, headline, fingerprint: textFingerprint(`${headline}\n${text}`), isAllowlistForm: body === html },
  };
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * Lets `contentHashOf` and `buildStory` use the facts a worker computed for this item. The item
 * is frozen: the facts hold only for it as it is, and a change would throw rather than go unseen.
 */
export function rememberItemFacts(item: Ninjs, facts: ItemFacts): void {
  deepFreeze(item);
  knownFacts.set(item, facts);
}

/** The first section whose subject codes include one of the item's subjects, in the item's order. */
export function sectionFor(item: Ninjs, sections: Section[]): string | undefined {
  for (const subject of item.subjects ?? []) {
    const code = subject.literal ?? subject.uri;
    const section = sections.find((s) => code !== undefined && s.subjects.includes(code));
    if (section) return section.slug;
  }
  return undefined;
}

const bylinePrefix = /^\s*(by|von|par|av|di|por|door|بقلم)\s+/i;

/** Matches the names in a byline ("By Jane Roe and John Doe, Agency") to known authors. */
export function authorsFor(byline: string | undefined, authors: Author[]): string[] {
  if (!byline) return [];
  const parts = byline
    .replace(bylinePrefix, '')
    .split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\bog\b| و)\s*/i)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  return parts.flatMap((part) => authors.filter((a) => a.name.toLowerCase() === part).map((a) => a.slug));
}

/** The byline's known authors, else the staff member who handled the copy; a kill keeps the stored ones. */
function authorSlugsOf(byline: string | undefined, input: BuildStoryInput, isKill: boolean): string[] {
  const named = authorsFor(byline, input.authors);
  if (named.length > 0) return named;
  if (input.handledBy && input.authors.some((a) => a.slug === input.handledBy)) return [input.handledBy];
  return isKill ? (input.stored?.authorSlugs ?? []) : [];
}

export interface BuildStoryInput {
  item: Ninjs;
  /** `contentHashOf(item)`, which the caller has already computed to decide the version. */
  contentHash: string;
  sourceId: string;
  /** The source's rules: its own section map and default byline. */
  source?: Pick<Source, 'rules'>;
  sections: Section[];
  authors: Author[];
  /** The staff member who handled the copy (pipeline `handledBy`): the author when the byline names none we know. */
  handledBy?: string;
  stored?: Story;
  hero?: Media;
  /** The body with its pictures stored locally (pictures.ts); else the item's own, checked by the sanitiser. */
  bodyHtml?: SanitizedHtml;
  state: StoryState;
  publishedAt?: string;
  receivedAt: string;
}

/** The body is stored once, as `bodyHtml`; the version history keeps the item whole. */
function withoutBodies(item: Ninjs): Omit<Ninjs, 'bodies'> {
  const { bodies: _bodies, ...rest } = item;
  return rest;
}

/** The item's own body, as the sanitiser lets it through (a parser's body passes unchanged, checked by the worker or here). */
function bodyOf(item: Ninjs): SanitizedHtml | undefined {
  const html = mainBodyHtml(item);
  return html === undefined ? undefined : toSanitizedHtml(html, { isCheckedAllowlistForm: knownFacts.get(item)?.body?.isAllowlistForm });
}

/** Turns an accepted version into the stored story, keeping what a kill or a bare update lacks. */
export function buildStory(input: BuildStoryInput): Story {
  const { item, stored } = input;
  const isKill = item.pubstatus === 'canceled';
  const bodyHtml = input.bodyHtml ?? bodyOf(item) ?? (isKill ? emptyBody : (stored?.bodyHtml ?? emptyBody));
  // The body is the item's own: what a worker found in it holds.
  const facts = input.bodyHtml === undefined ? knownFacts.get(item)?.body : undefined;
  let text: string | undefined;
  const textOf = () => {
    text ??= htmlToText(bodyHtml);
    return text;
  };
  const delivered = mainHeadline(item);
  const headline =
    (isKill && stored ? stored.headline : delivered) ??
    item.slugline ??
    ((facts?.excerpt ?? excerpt(textOf(), 90)) || stored?.headline || item.uri);
  const slug = stored && stored.headline === headline ? stored.slug : slugify(headline);
  const newCorrections: Correction[] = textsByRole(item.descriptions, 'correction').map((text) => ({
    at: item.versioncreated ?? input.receivedAt,
    text,
  }));
  const corrections = [...(stored?.corrections ?? [])];
  for (const c of newCorrections) if (!corrections.some((k) => k.text === c.text)) corrections.push(c);
  const picture = input.hero;
  const rules = input.source?.rules;
  const byline = item.by ?? (isKill ? stored?.byline : rules?.byline);
  return {
    id: storyIdFor(input.sourceId, item.uri),
    sourceId: input.sourceId,
    uri: item.uri,
    version: item.version,
    state: input.state,
    pubstatus: item.pubstatus,
    headline,
    subheadline: textsByRole(item.headlines, 'sub')[0] ?? (isKill ? stored?.subheadline : undefined),
    standfirst: textsByRole(item.descriptions, 'summary')[0] ?? (isKill ? stored?.standfirst : undefined),
    bodyHtml,
    language: item.language ?? stored?.language ?? 'en',
    firstcreated: item.firstcreated ?? stored?.firstcreated ?? item.versioncreated ?? input.receivedAt,
    versioncreated: item.versioncreated ?? input.receivedAt,
    publishedAt: input.publishedAt,
    embargoed: item.embargoed,
    expires: item.expires,
    urgency: item.urgency,
    slugline: item.slugline,
    located: item.located,
    dateline: item.dateline,
    ednote: item.ednote,
    byline,
    section: sectionFromRules(item, rules) ?? sectionFor(item, input.sections) ?? stored?.section,
    tags: item.keywords ?? (isKill ? (stored?.tags ?? []) : []),
    authorSlugs: authorSlugsOf(byline, input, isKill),
    hero: picture
      ? {
          mediaId: picture.id,
          width: picture.width,
          height: picture.height,
          caption: picture.caption,
          photographer: picture.byline,
          creditSource: picture.credit,
        }
      : isKill
        ? stored?.hero
        : undefined,
    copyrightholder: item.copyrightholder ?? stored?.copyrightholder,
    copyrightnotice: item.copyrightnotice ?? stored?.copyrightnotice,
    usageterms: item.usageterms ?? stored?.usageterms,
    corrections,
    slug,
    contentHash: input.contentHash,
    fingerprint:
      isKill && stored
        ? stored.fingerprint
        : facts?.headline === headline
          ? facts.fingerprint
          : textFingerprint(`${headline}\n${textOf()}`),
    ninjs: withoutBodies(item),
  };
}
