import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsText, PubStatus } from '../../../core/ninjs.js';
import {
  compact,
  conceptOf,
  fallbackDate,
  joinTexts,
  mintUri,
  normalizeDate,
  optionalText,
  uniqueConcepts,
  urgencyOf,
} from '../normalize.js';
import type { Format, ParseContext } from '../types.js';
import { loadXml, sniffXmlRoot } from '../xml.js';
import { attr, child, elements, path, textOf, type XmlElement } from '../xml-tree.js';
import { isMediaComponent, readMedia, readStory, type Story } from './components.js';
import { readSubjects } from './subjects.js';

// NewsML 1.x Status/@FormalName; "Embargoed" is usable, the embargo is a time (INGEST-CONTRACT §5).
const statuses: Record<string, PubStatus> = { usable: 'usable', embargoed: 'usable', withheld: 'withheld', canceled: 'canceled' };
// MediaType of the main ContentItem → ninjs type (§3).
const types: Record<string, string> = {
  text: 'text',
  photo: 'picture',
  picture: 'picture',
  image: 'picture',
  graphic: 'graphic',
  video: 'video',
  audio: 'audio',
};

const formal = (el: XmlElement | undefined) => optionalText(attr(el, 'FormalName'));

function fieldError(context: ParseContext, field: string, reason: string, value?: string): LedeError {
  return new LedeError('LEDE_INGEST_FIELD', `${context.filename}: \`${field}\` ${reason}`, {
    details: { file: context.filename, field, ...(value === undefined ? {} : { value }) },
  });
}

/**
 * The item's uri (INGEST-CONTRACT §3): the PublicIdentifier without its `:{RevisionId}{Update}`,
 * since some agencies put the revision into NewsItemId too (`…-041-v2`); else
 * `urn:newsml:{ProviderId}:{DateId}:{NewsItemId}`; with neither complete, a uri minted from the
 * item's content, told through `warn`.
 */
function uriOf(item: XmlElement, context: ParseContext): string {
  const identifier = path(item, 'Identification', 'NewsIdentifier');
  const part = (name: string) => optionalText(textOf(child(identifier, name)));
  const [provider, date, id, pub] = [part('ProviderId'), part('DateId'), part('NewsItemId'), part('PublicIdentifier')];
  if (pub) {
    const revision = part('RevisionId');
    const update = optionalText(attr(child(identifier, 'RevisionId'), 'Update')) ?? '';
    if (revision !== undefined) {
      for (const suffix of [`:${revision}${update}`, `:${revision}`]) {
        if (pub.length > suffix.length && pub.endsWith(suffix)) return pub.slice(0, -suffix.length);
      }
      return pub;
    }
    // Without a RevisionId, only a complete urn:newsml (six parts) has a revision to take off.
    return pub.split(':').length >= 6 ? pub.replace(/:\d+[A-Z]?$/, '') : pub;
  }
  if (provider && date && id) return `urn:newsml:${provider}:${date}:${id}`;
  const uri = mintUri('newsml1', JSON.stringify(item));
  const present = ['ProviderId', 'DateId', 'NewsItemId'].filter((name) => part(name) !== undefined);
  context.warn?.(
    `${context.filename}: ${uri}: NewsIdentifier ${present.length > 0 ? `has only ${present.join(', ')}` : 'is missing'} (no PublicIdentifier); the uri was minted from the item's content`,
  );
  return uri;
}

function statusOf(management: XmlElement | undefined, context: ParseContext): PubStatus {
  const raw = formal(child(management, 'Status'));
  if (raw === undefined) return 'usable';
  const status = statuses[raw.toLowerCase()];
  if (status) return status;
  throw fieldError(context, 'Status/@FormalName', `"${raw}" is not a known status (expected Usable, Embargoed, Withheld, Canceled)`, raw);
}

/** DescriptiveMetadata: language, origin city, keywords and people. */
function describe(story: Story) {
  const meta = story.descriptive;
  const properties = meta.flatMap((d) => elements(d, 'Property'));
  const origin = meta
    .flatMap((d) => elements(d, 'Location'))
    .sort((a, b) => Number(attr(b, 'HowPresent') === 'Origin') - Number(attr(a, 'HowPresent') === 'Origin'));
  const cityOf = (props: XmlElement[]) =>
    optionalText(
      attr(
        props.find((p) => attr(p, 'FormalName') === 'City'),
        'Value',
      ),
    );
  const keywords = properties.filter((p) => attr(p, 'FormalName') === 'Keyword');
  return {
    language: formal(meta.map((d) => child(d, 'Language')).find(Boolean))?.toLowerCase(),
    located: origin.map((l) => cityOf(elements(l, 'Property'))).find(Boolean) ?? cityOf(properties),
    // AFP tags the people of a story as keywords with Role="PersonInImage".
    keywords: [...new Set(keywords.filter((k) => !attr(k, 'Role')).flatMap((k) => optionalText(attr(k, 'Value')) ?? []))],
    people: uniqueConcepts(keywords.filter((k) => attr(k, 'Role') === 'PersonInImage').map((k) => conceptOf({ name: attr(k, 'Value') }))),
    genres: uniqueConcepts(meta.flatMap((d) => elements(d, 'Genre')).map((g) => conceptOf({ literal: formal(g) }))),
  };
}

function rightsOf(story: Story) {
  const usage = story.rights.flatMap((r) => elements(r, 'UsageRights'));
  return {
    copyrightholder: optionalText(textOf(story.rights.map((r) => path(r, 'Copyright', 'CopyrightHolder')).find(Boolean))),
    copyrightnotice: story.lines.CopyrightLine,
    usageterms: joinTexts(
      usage.flatMap((u) => [textOf(child(u, 'UsageType')), textOf(child(u, 'Limitations'))]),
      ' ',
    ),
  };
}

/**
 * One NewsML 1.x NewsItem as one item; its photo components become associations (§9). `sent` is
 * the NewsEnvelope's DateAndTime, `topicSets` those of the NewsML root.
 */
function readNewsItem(
  item: XmlElement,
  options: { context: ParseContext; sent?: string; topicSets?: XmlElement[]; rootLang?: string },
): Ninjs {
  const { context } = options;
  const file = context.filename;
  const uri = uriOf(item, context);
  const management = child(item, 'NewsManagement');
  const date = (el: XmlElement | undefined, field: string) => normalizeDate(textOf(el), { field, file, timeZone: context.timezone });
  const willChange = child(management, 'StatusWillChange');
  const top = child(item, 'NewsComponent');
  const story = readStory(top, uri, { embedHosts: context.embedHosts });
  // A NewsItem that is a photo (its only component is media) is itself a picture item.
  const picture = top && story.bodies.length === 0 && isMediaComponent(top) ? readMedia(top, uri, 0) : undefined;
  const { lines } = story;
  const headlines: NinjsText[] = [];
  const main = lines.HeadLine ?? story.nitf?.headlines.find((h) => h.role === 'main')?.value;
  if (main) headlines.push({ role: 'main', value: main });
  if (lines.SubHeadLine) headlines.push({ role: 'sub', value: lines.SubHeadLine });
  const described = describe(story);
  // Without a Language element, the nearest xml:lang: the top component's, the item's, the root's.
  const language = (
    described.language ??
    optionalText(attr(top, 'xml:lang')) ??
    optionalText(attr(item, 'xml:lang')) ??
    optionalText(options.rootLang)
  )?.toLowerCase();
  const firstcreated = date(child(management, 'FirstCreated'), 'FirstCreated');
  const parties = (name: string) => story.administrative.flatMap((a) => elements(child(a, name), 'Party').map((p) => formal(p)));
  const normalised = {
    uri,
    version: optionalText(textOf(path(item, 'Identification', 'NewsIdentifier', 'RevisionId'))),
    type: picture?.type ?? types[(story.mediaType ?? 'text').toLowerCase()] ?? 'text',
    pubstatus: statusOf(management, context),
    urgency: urgencyOf(formal(child(management, 'Urgency'))),
    language,
    firstcreated,
    // An empty ThisRevisionCreated: FirstCreated, then the envelope's time stand in. With neither,
    // it stays absent and the pipeline uses the receive time (parsers are pure).
    versioncreated:
      date(child(management, 'ThisRevisionCreated'), 'ThisRevisionCreated') ??
      firstcreated ??
      fallbackDate(options.sent, { field: 'NewsEnvelope/DateAndTime', file, timeZone: context.timezone, warn: context.warn }),
    embargoed:
      formal(child(willChange, 'FutureStatus'))?.toLowerCase() === 'usable'
        ? date(child(willChange, 'DateAndTime'), 'StatusWillChange/DateAndTime')
        : undefined,
    headlines,
    // AFP's text NewsML has no ByLine but names its writers as the Creator party; a code is no byline.
    by: lines.ByLine ?? story.nitf?.by ?? picture?.by ?? parties('Creator').find((name) => name && /\p{L}+\s+\p{L}+/u.test(name)),
    slugline: lines.SlugLine,
    located: described.located,
    dateline: lines.DateLine ?? story.nitf?.dateline,
    ...rightsOf(story),
    infosources: [...new Set([...parties('Provider'), ...parties('Source')].filter(Boolean))].map((name) => ({ name })),
    descriptions: picture?.descriptions ?? (story.summary ? [{ role: 'summary', value: story.summary }] : []),
    subjects: readSubjects({ descriptive: story.descriptive, topicSets: [...(options.topicSets ?? []), ...story.topicSets], language }),
    people: described.people,
    genres: described.genres,
    keywords: described.keywords,
    bodies: story.bodies.length > 0 ? [{ role: 'main', contenttype: 'text/html', value: story.bodies.join('') }] : [],
    renditions: picture?.renditions ?? [],
    associations: picture ? [] : story.media,
  };
  return compact(normalised) as Ninjs;
}

/** NewsML 1.x as AFP and others still deliver it: NewsML/NewsItem/NewsComponent (§1: one item per NewsItem). */
export const newsml1Format: Format = {
  name: 'newsml1',
  detect(bytes) {
    return sniffXmlRoot(bytes) === 'NewsML' ? 0.95 : 0;
  },
  parse(bytes, context) {
    const root = loadXml(bytes, { filename: context.filename, maxBytes: context.maxBytes });
    if (root.name === 'NewsItem') return [readNewsItem(root, { context })];
    if (root.name !== 'NewsML') {
      throw new LedeError('LEDE_INGEST_PARSE', `${context.filename}: root element <${root.qname}> is not <NewsML>`, {
        details: { file: context.filename },
      });
    }
    const sent = textOf(path(root, 'NewsEnvelope', 'DateAndTime'));
    const topicSets = elements(root, 'TopicSet');
    const rootLang = attr(root, 'xml:lang');
    return elements(root, 'NewsItem').map((n) => readNewsItem(n, { context, sent, topicSets, rootLang }));
  },
};
