import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsAssociation, NinjsConcept, NinjsText, PubStatus } from '../../../core/ninjs.js';
import { sanitizeBody } from '../../sanitize.js';
import { compact, normalizeDate, optionalText } from '../normalize.js';
import type { Format, ParseContext } from '../types.js';

type Raw = Record<string, unknown>;

const ninjsTypes = new Set(['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component']);
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

function texts(value: unknown, fallbackRole?: string): NinjsText[] {
  return asArray(value).flatMap((t) => {
    if (typeof t === 'string') return optionalText(t) ? [{ ...(fallbackRole ? { role: fallbackRole } : {}), value: optionalText(t)! }] : [];
    if (!isObject(t)) return [];
    const text = optionalText(t.value);
    return text ? [{ ...(typeof t.role === 'string' ? { role: t.role } : fallbackRole ? { role: fallbackRole } : {}), value: text }] : [];
  });
}

function concepts(value: unknown): NinjsConcept[] {
  return asArray(value).flatMap((c) => {
    if (!isObject(c)) return [];
    const literal = optionalText(c.literal) ?? (c.code ? [c.scheme, c.code].filter(Boolean).join(':') : undefined);
    return [compact({ uri: optionalText(c.uri), literal, name: optionalText(c.name), rel: optionalText(c.rel) })];
  });
}

function bodies(raw: Raw, context: ParseContext): NinjsText[] {
  const sanitize = (html: string) => sanitizeBody(html, { embedHosts: context.embedHosts });
  const list: NinjsText[] = [];
  for (const b of asArray(raw.bodies)) {
    if (!isObject(b) || typeof b.value !== 'string') continue;
    const contenttype = typeof b.contenttype === 'string' ? b.contenttype : 'text/plain';
    const role = typeof b.role === 'string' ? b.role : 'main';
    if (/html/.test(contenttype)) list.push({ role, contenttype: 'text/html', value: sanitize(b.value) });
    else if (contenttype === 'text/plain') list.push({ role, contenttype, value: b.value.trim() });
  }
  // ninjs 1.x bodies.
  const html = typeof raw.body_html === 'string' ? raw.body_html : typeof raw.body_xhtml === 'string' ? raw.body_xhtml : undefined;
  if (html) list.push({ role: 'main', contenttype: 'text/html', value: sanitize(html) });
  if (list.length === 0 && typeof raw.body_text === 'string') {
    const paragraphs = raw.body_text
      .split(/\n\s*\n/)
      .map((p) => optionalText(p))
      .filter(Boolean) as string[];
    list.push({ role: 'main', contenttype: 'text/html', value: sanitize(paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('')) });
  }
  return list.filter((b) => b.value !== '');
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function urgency(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 9 ? n : undefined;
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

function convert(raw: Raw, context: ParseContext, isTop: boolean): Ninjs {
  const uri = optionalText(raw.uri) ?? optionalText(raw.guid);
  if (isTop && !uri) fail(context, 'uri', 'is missing (every item needs the source identifier)');
  const pubstatus = (optionalText(raw.pubstatus) ?? 'usable') as PubStatus;
  if (!statuses.has(pubstatus)) fail(context, 'pubstatus', `"${pubstatus}" is not a known status (expected usable, withheld, canceled)`);
  const item: Raw = { uri, pubstatus };
  if (raw.version !== undefined && raw.version !== null && raw.version !== '') item.version = String(raw.version);
  const type = optionalText(raw.type);
  if (type) item.type = ninjsTypes.has(type) ? type : type === 'image' || type === 'photo' ? 'picture' : undefined;
  item.urgency = urgency(raw.urgency);
  for (const field of dateFields) {
    item[field] = normalizeDate(raw[field], { field, file: context.filename, timeZone: context.timezone });
  }
  for (const field of textFields) item[field] = optionalText(raw[field]);
  item.by ??= optionalText(raw.byline);
  item.headlines = texts(raw.headlines, 'main');
  if ((item.headlines as NinjsText[]).length === 0 && raw.headline) item.headlines = texts(raw.headline, 'main');
  item.descriptions = [...texts(raw.descriptions), ...texts(raw.description_text, 'summary')];
  for (const field of conceptFields) item[field] = concepts(raw[field]);
  if ((item.subjects as NinjsConcept[]).length === 0) item.subjects = concepts(raw.subject);
  item.keywords = asArray(raw.keywords).flatMap((k) => (optionalText(k) ? [optionalText(k)!] : []));
  item.infosources = asArray(raw.infosources).flatMap((s) =>
    isObject(s) ? [compact({ name: optionalText(s.name), uri: optionalText(s.uri), role: optionalText(s.role) })] : [],
  );
  if ((item.infosources as unknown[]).length === 0 && optionalText(raw.source)) item.infosources = [{ name: optionalText(raw.source) }];
  item.bodies = bodies(raw, context);
  item.renditions = Array.isArray(raw.renditions)
    ? raw.renditions.filter(isObject).map((r) =>
        compact({
          name: optionalText(r.name),
          href: optionalText(r.href),
          contenttype: optionalText(r.contenttype),
          width: num(r.width),
          height: num(r.height),
          sizeinbytes: num(r.sizeinbytes),
        }),
      )
    : isObject(raw.renditions)
      ? Object.entries(raw.renditions)
          .filter((e): e is [string, Raw] => isObject(e[1]))
          .map(([name, r]) =>
            compact({
              name,
              href: optionalText(r.href),
              contenttype: optionalText(r.mimetype ?? r.contenttype),
              width: num(r.width),
              height: num(r.height),
            }),
          )
      : [];
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
