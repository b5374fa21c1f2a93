import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsAssociation, NinjsConcept, NinjsRendition, NinjsText, PubStatus } from '../../../core/ninjs.js';
import { inlineXmlBody } from '../inline-xml-body.js';
import { compact, conceptOf, normalizeDate, optionalText, urgencyOf } from '../normalize.js';
import { htmlBody, plainText, textBody } from '../paragraphs.js';
import type { Format, ParseContext } from '../types.js';
import { loadXml } from '../xml.js';
import type { XmlElement } from '../xml-tree.js';
import { looksLikeHtml, patternBodies, patternDescription, patternHeadline } from './pattern-texts.js';

type Raw = Record<string, unknown>;

const ninjsTypes = new Set(['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component']);
// INGEST-CONTRACT §3: a type outside the ninjs enum is mapped to the closest one, or left out.
const closestTypes: Record<string, string> = {
  article: 'text',
  story: 'text',
  news: 'text',
  preformatted: 'text',
  image: 'picture',
  photo: 'picture',
  photograph: 'picture',
  graphics: 'graphic',
  infographic: 'graphic',
  illustration: 'graphic',
  chart: 'graphic',
  map: 'graphic',
  sound: 'audio',
  podcast: 'audio',
  clip: 'video',
  movie: 'video',
  package: 'composite',
  collection: 'composite',
  bundle: 'composite',
};
// ninjs 1.x names its concept lists in the singular, with {code, scheme, name}.
const legacyConcepts: Record<string, string> = {
  subjects: 'subject',
  genres: 'genre',
  places: 'place',
  people: 'person',
  organisations: 'organisation',
  events: 'event',
  objects: 'object',
};
const statuses = new Set<PubStatus>(['usable', 'withheld', 'canceled']);
const conceptFields = ['subjects', 'genres', 'places', 'people', 'organisations', 'events', 'objects'] as const;
const dateFields = ['firstcreated', 'versioncreated', 'contentcreated', 'embargoed', 'expires'] as const;
const textFields = [
  'by',
  'slugline',
  'located',
  'dateline',
  'ednote',
  'copyrightholder',
  'copyrightnotice',
  'usageterms',
  'language',
] as const;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(context: ParseContext, field: string, reason: string): never {
  throw new LedeError('LEDE_INGEST_FIELD', `${context.filename}: \`${field}\` ${reason}`, { details: { file: context.filename, field } });
}

/** A delivered text as plain text (§6): HTML ones (`contenttype` text/html, a `richtext` role) lose their markup. */
function plainOf(value: unknown, contenttype?: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const isHtml = (typeof contenttype === 'string' && /html/i.test(contenttype)) || looksLikeHtml(value);
  return isHtml ? plainText(value) : optionalText(value);
}

/** Texts with their role; one delivered both as plain text and as HTML is kept once. */
function texts(value: unknown, fallbackRole?: string): NinjsText[] {
  const out: NinjsText[] = [];
  for (const t of asArray(value)) {
    const text = isObject(t) ? plainOf(t.value, t.contenttype) : plainOf(t);
    const role = isObject(t) && typeof t.role === 'string' ? t.role : fallbackRole;
    if (text && !out.some((o) => o.value === text)) out.push({ ...(role ? { role } : {}), value: text });
  }
  return out;
}

/** Headlines with the main one first: a headline without role is the main, later ones subs. */
function headlines(raw: Raw): NinjsText[] {
  const list = asArray(raw.headlines).length > 0 ? raw.headlines : raw.headline;
  let hasMain = false;
  const out = asArray(list).flatMap((h): NinjsText[] => {
    const value = isObject(h) ? plainOf(h.value, h.contenttype) : plainOf(h);
    if (!value) return [];
    const role = (isObject(h) ? optionalText(h.role) : undefined) ?? (hasMain ? 'sub' : 'main');
    hasMain ||= role === 'main';
    return [{ role, value }];
  });
  const main = out.length === 0 ? patternHeadline(raw) : undefined;
  if (main) out.push({ role: 'main', value: main });
  return [...out.filter((h) => h.role === 'main'), ...out.filter((h) => h.role !== 'main')];
}

const iptcSchemeUris: Record<string, string> = {
  'http://cv.iptc.org/newscodes/subjectcode/': 'subj',
  'http://cv.iptc.org/newscodes/mediatopic/': 'medtop',
};

/** ninjs 1.x `{code, scheme}`: `scheme:code`, or the bare code; a scheme URI also gives the concept URI. */
function legacyCode(c: Raw): { literal?: string; uri?: string } {
  const code = optionalText(c.code);
  const scheme = optionalText(c.scheme);
  if (!code || !scheme) return { literal: code };
  if (!/^https?:\/\//.test(scheme)) return { literal: `${scheme}:${code}` };
  const base = /[/#]$/.test(scheme) ? scheme : `${scheme}/`;
  const prefix = iptcSchemeUris[base];
  return { literal: prefix ? `${prefix}:${code}` : code, uri: base + code };
}

function concepts(value: unknown): NinjsConcept[] {
  return asArray(value).flatMap((c) => {
    if (!isObject(c)) return [];
    const legacy = legacyCode(c);
    const literal = optionalText(c.literal) ?? legacy.literal;
    // IPTC subject codes and media topics get their concept URI (INGEST-CONTRACT §8).
    const uri = optionalText(c.uri) ?? legacy.uri ?? conceptOf({ literal })?.uri;
    return [compact({ uri, literal, name: optionalText(c.name), rel: optionalText(c.rel) })];
  });
}

/**
 * One `main` text/html body (INGEST-CONTRACT §7) from the delivered bodies (the `main` one, else
 * the first HTML), ninjs 1.x `body_html`/`body_xhtml`, or plain text paragraphed; plus the
 * delivered text/plain body, if any. HTML with bare text gets its paragraphs (Business Wire).
 */
function bodies(raw: Raw, headline: string | undefined, context: ParseContext): NinjsText[] {
  const options = { embedHosts: context.embedHosts };
  const delivered = asArray(raw.bodies).filter((b): b is Raw => isObject(b) && typeof b.value === 'string');
  const typeOf = (b: Raw) => (typeof b.contenttype === 'string' ? b.contenttype.toLowerCase() : 'text/plain');
  const htmls = delivered.filter((b) => /html/.test(typeOf(b)));
  const plain = delivered.find((b) => typeOf(b) === 'text/plain' && (b.value as string).trim() !== '');
  const legacy = patternBodies(raw);
  const source = (htmls.find((b) => b.role === 'main') ?? htmls[0])?.value ?? legacy.html;
  let html = typeof source === 'string' ? htmlBody(source, options) : '';
  if (html === '') {
    const text = [plain?.value, legacy.text].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    // Real feeds send HTML labelled text/plain: its markup must not reach readers as text.
    if (text) html = /<\/?(?:p|br|div|b|i|em|strong|a)\b[^>]*>/i.test(text) ? htmlBody(text, options) : textBody(text);
  }
  // TT's rich HTML opens with the headline as an h1 (an h2 once sanitised): it is not body text.
  const opening = /^<h2>([\s\S]*?)<\/h2>/.exec(html);
  if (opening && headline && plainText(opening[1]) === headline) html = html.slice(opening[0].length);
  const list: NinjsText[] = html === '' ? [] : [{ role: 'main', contenttype: 'text/html', value: html }];
  if (plain && list.length > 0)
    list.push({ role: optionalText(plain.role) ?? 'main', contenttype: 'text/plain', value: (plain.value as string).trim() });
  return list;
}

/**
 * The first body with an XML content type (`application/nitf+xml`, `application/xml`, …), read
 * with the same safe loader as XML files (no DTD, no entities) and by the same structure rules
 * as NewsML-G2's inlineXML; or why it could not be read.
 */
function xmlBody(delivered: Raw[], context: ParseContext): { html?: string; unreadable?: string } {
  const mediaTypeOf = (b: Raw) => (optionalText(b.contenttype) ?? '').split(';')[0]!.trim().toLowerCase();
  const body = delivered.find((b) => /[+/]xml$/.test(mediaTypeOf(b)));
  if (!body) return {};
  const type = mediaTypeOf(body);
  const name = `${context.filename} body`;
  let root: XmlElement;
  try {
    root = loadXml(Buffer.from(body.value as string, 'utf8'), { filename: name, maxBytes: context.maxBytes });
  } catch (error) {
    if (!(error instanceof LedeError)) throw error;
    // "FILE body: not well-formed XML at line 3: …" → "body application/xml: not well-formed XML at line 3: …"
    const why = error.message.startsWith(`${name}: `) ? error.message.slice(name.length + 2) : error.message;
    return { unreadable: `body ${type}: ${why}` };
  }
  const wrapper: XmlElement = { name: 'body', qname: 'body', attrs: { contenttype: type }, children: [root] };
  const read = inlineXmlBody(wrapper, { embedHosts: context.embedHosts }, 'body');
  return read.html ? { html: read.html } : { unreadable: read.unreadable };
}

/** ninjs 2.x renditions are an array with `name`; 1.x an object keyed by name, with `mimetype`. */
function renditions(value: unknown): NinjsRendition[] {
  const entries: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((r) => [isObject(r) ? r.name : undefined, r])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return entries.flatMap(([name, r]) =>
    isObject(r)
      ? [
          compact({
            name: optionalText(name),
            href: optionalText(r.href),
            contenttype: optionalText(r.contenttype) ?? optionalText(r.mimetype),
            width: num(r.width),
            height: num(r.height),
            sizeinbytes: num(r.sizeinbytes),
          }),
        ]
      : [],
  );
}

function ninjsType(value: unknown): string | undefined {
  // A concept URI or QCode (`http://cv.iptc.org/newscodes/ninature/text`, `ninat:text`) names its code last.
  const type = optionalText(value)
    ?.toLowerCase()
    .replace(/^.*[/:#]/, '');
  if (!type) return undefined;
  return ninjsTypes.has(type) ? type : closestTypes[type];
}

function associations(value: unknown, context: ParseContext): NinjsAssociation[] {
  // ninjs 2.x: an array of objects with `name`; 1.x: an object keyed by name.
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((a, i) => [isObject(a) && typeof a.name === 'string' ? a.name : `association-${i + 1}`, a])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return entries.flatMap(([name, a]) => {
    if (!isObject(a)) return [];
    const { uri, pubstatus, ...rest } = convert(a, context, false);
    return [compact({ name, ...(uri ? { uri } : {}), ...(pubstatus && a.pubstatus ? { pubstatus } : {}), ...rest })];
  });
}

/**
 * Where an API response keeps its ninjs objects (AP Media API `data.item` / `data.items`, a
 * paged `item` list): such a file is refused with that reason, not as an item without uri.
 */
function envelopeOf(raw: Raw): string | undefined {
  const looksLikeItem = (v: unknown) => isObject(v) && (typeof v.uri === 'string' || isObject(v.item));
  const holds = (v: unknown) => looksLikeItem(v) || (Array.isArray(v) && v.some(looksLikeItem));
  if (isObject(raw.data)) return ['item', 'items'].map((k) => `data.${k}`).find((k) => holds((raw.data as Raw)[k.slice(5)]));
  return ['item', 'items'].find((k) => holds(raw[k]));
}

function convert(raw: Raw, context: ParseContext, isTop: boolean): Ninjs {
  const uri = optionalText(raw.uri) ?? optionalText(raw.guid);
  if (isTop && !uri) {
    const wrapper = envelopeOf(raw);
    if (wrapper)
      fail(context, wrapper, `wraps the ninjs: this file is an API response, not a ninjs item (ingest what is under ${wrapper})`);
    fail(context, 'uri', 'is missing (every item needs the source identifier)');
  }
  const pubstatus = (optionalText(raw.pubstatus) ?? 'usable') as PubStatus;
  if (!statuses.has(pubstatus)) fail(context, 'pubstatus', `"${pubstatus}" is not a known status (expected usable, withheld, canceled)`);
  const item: Raw = { uri, pubstatus };
  if (raw.version !== undefined && raw.version !== null && raw.version !== '') item.version = String(raw.version);
  item.type = ninjsType(raw.type);
  item.urgency = urgencyOf(raw.urgency);
  for (const field of dateFields) {
    item[field] = normalizeDate(raw[field], { field, file: context.filename, timeZone: context.timezone });
  }
  for (const field of textFields) item[field] = optionalText(raw[field]);
  item.by ??= optionalText(raw.byline);
  item.headlines = headlines(raw);
  // A picture's description without a role is its caption (INGEST-CONTRACT §9: TT sends it so),
  // and so is the ninjs 1.x `description_text` of a picture; of a text it is the summary.
  const isVisual = item.type === 'picture' || item.type === 'graphic';
  const legacy = patternDescription(raw);
  item.descriptions = [
    ...texts(raw.descriptions, isVisual ? 'caption' : undefined),
    ...(legacy ? [{ role: isVisual ? 'caption' : 'summary', value: legacy }] : []),
  ];
  for (const field of conceptFields) {
    item[field] = concepts(raw[field]);
    if ((item[field] as NinjsConcept[]).length === 0) item[field] = concepts(raw[legacyConcepts[field] ?? field]);
  }
  item.keywords = asArray(raw.keywords).flatMap((k) => (optionalText(k) ? [optionalText(k)!] : []));
  item.infosources = asArray(raw.infosources).flatMap((s) =>
    isObject(s) ? [compact({ name: optionalText(s.name), uri: optionalText(s.uri), role: optionalText(s.role) })] : [],
  );
  if ((item.infosources as unknown[]).length === 0 && optionalText(raw.source)) item.infosources = [{ name: optionalText(raw.source) }];
  item.bodies = bodies(raw, (item.headlines as NinjsText[])[0]?.value, context);
  // An item that had text never comes out empty without a word (issue 10): a body in XML
  // (agency NITF and its flavours) is read by its structure, as NewsML-G2's inlineXML is.
  const delivered = asArray(raw.bodies).filter((b): b is Raw => isObject(b) && typeof b.value === 'string' && b.value.trim() !== '');
  if ((item.bodies as NinjsText[]).length === 0 && delivered.length > 0) {
    const xml = xmlBody(delivered, context);
    if (xml.html) item.bodies = [{ role: 'main', contenttype: 'text/html', value: xml.html }];
    else {
      const types = [...new Set(delivered.map((b) => optionalText(b.contenttype) ?? 'no content type'))].join(', ');
      const reason = xml.unreadable ?? `bodies only in ${types}, not HTML, plain text or XML`;
      context.warn?.(`${context.filename}: ${uri ?? '(no uri)'}: body unreadable (${reason})`);
    }
  }
  item.renditions = renditions(raw.renditions);
  item.associations = associations(raw.associations, context);
  return compact(item) as unknown as Ninjs;
}

const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

/** IPTC ninjs JSON, 1.x and 2.x, as an object or an array of objects. */
export const ninjsFormat: Format = {
  name: 'ninjs',
  detect(bytes) {
    const head = bytes
      .subarray(0, 2048)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (!head.startsWith('{') && !head.startsWith('[')) return 0;
    return /"(uri|guid|headlines|headline|pubstatus|versioncreated)"\s*:/.test(head) ? 0.9 : 0.3;
  },
  parse(bytes, context) {
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new LedeError('LEDE_INGEST_PARSE', `${context.filename}: not valid JSON (${(error as Error).message})`, {
        details: { file: context.filename },
        cause: error,
      });
    }
    const objects = Array.isArray(data) ? data : [data];
    return objects.map((o, i) => {
      if (!isObject(o)) fail(context, `[${i}]`, 'is not a JSON object');
      return convert(o, context, true);
    });
  },
};
