import type { Ninjs, NinjsAltId, NinjsAssociation, NinjsText } from '../../core/ninjs.js';
import type { Media, Source, Story } from '../../core/story.js';
import { absoluteUrl, articlePath, mediaPath } from '../../core/urls.js';

/** What the API serves: ninjs 2.x plus Lede's declared extensions (`dateline`, `keywords`); `altids` say how partners find our page and the wire's id. */
export type ApiItem = Omit<Ninjs, 'pubstatus'> & { pubstatus: Ninjs['pubstatus'] };

export const articleApiPath = (id: string) => `/api/v1/articles/${encodeURIComponent(id)}`;

/** INGEST-CONTRACT §2: leave a property out rather than write null, "" or []. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function idsOf(story: Story, publicUrl: string, isLive: boolean): NinjsAltId[] {
  return [
    { role: 'lede-id', value: story.id },
    { role: 'source-uri', value: story.uri },
    // A killed story has no page any more; its old address answers 410.
    ...(isLive ? [{ role: 'canonical-url', value: absoluteUrl(publicUrl, articlePath(story)) }] : []),
  ];
}

function heroAssociation(story: Story, publicUrl: string, media: Media | undefined): NinjsAssociation | undefined {
  const hero = story.hero;
  if (!hero) return undefined;
  const href = absoluteUrl(publicUrl, mediaPath(hero.mediaId));
  return compact<NinjsAssociation>({
    name: 'featuremedia',
    uri: media?.uri ?? href,
    type: 'picture',
    by: hero.photographer,
    copyrightholder: hero.creditSource,
    descriptions: hero.caption ? [{ role: 'caption', value: hero.caption }] : undefined,
    renditions: [compact({ name: 'original', href, contenttype: media?.contentType, width: hero.width, height: hero.height })],
  });
}

/**
 * A published story as ninjs 2.x: the stored item's classification and rights, with our
 * edited headline, sanitised body, local picture URLs and our own `uri` (the wire's uri
 * goes in `altids`, role `source-uri`).
 */
export function toApiItem(input: { story: Story; source?: Source; media?: Media; publicUrl: string }): ApiItem {
  const { story, source, publicUrl } = input;
  const n = story.ninjs;
  const headlines: NinjsText[] = [{ role: 'main', value: story.headline }];
  if (story.subheadline) headlines.push({ role: 'sub', value: story.subheadline });
  const descriptions: NinjsText[] = [
    ...(story.standfirst ? [{ role: 'summary', value: story.standfirst }] : []),
    ...story.corrections.map((c) => ({ role: 'correction', value: c.text })),
  ];
  const hero = heroAssociation(story, publicUrl, input.media);
  return compact<ApiItem>({
    uri: absoluteUrl(publicUrl, articleApiPath(story.id)),
    version: story.version,
    type: n.type ?? 'text',
    pubstatus: 'usable',
    urgency: story.urgency,
    language: story.language,
    firstcreated: story.firstcreated,
    versioncreated: story.versioncreated,
    contentcreated: n.contentcreated,
    headlines,
    by: story.byline,
    slugline: story.slugline,
    located: story.located,
    dateline: story.dateline,
    copyrightholder: story.copyrightholder ?? source?.copyrightholder,
    copyrightnotice: story.copyrightnotice,
    usageterms: story.usageterms ?? source?.usageNotice,
    infosources: n.infosources ?? (source ? [{ name: source.name }] : undefined),
    descriptions,
    subjects: n.subjects,
    genres: n.genres,
    places: n.places,
    people: n.people,
    organisations: n.organisations,
    events: n.events,
    objects: n.objects,
    keywords: story.tags.length > 0 ? story.tags : n.keywords,
    bodies: story.bodyHtml ? [{ role: 'main', contenttype: 'text/html', value: story.bodyHtml }] : undefined,
    associations: hero ? [hero] : undefined,
    altids: idsOf(story, publicUrl, true),
  });
}

/** A killed story, so partners learn of the kill: pubstatus canceled, no body, no picture. */
export function toCanceledItem(input: { story: Story; publicUrl: string }): ApiItem {
  const { story, publicUrl } = input;
  return compact<ApiItem>({
    uri: absoluteUrl(publicUrl, articleApiPath(story.id)),
    version: story.version,
    type: story.ninjs.type ?? 'text',
    pubstatus: 'canceled',
    language: story.language,
    firstcreated: story.firstcreated,
    versioncreated: story.versioncreated,
    headlines: [{ role: 'main', value: story.headline }],
    altids: idsOf(story, publicUrl, false),
  });
}
