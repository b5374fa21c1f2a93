import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsText } from '../../../core/ninjs.js';
import { takeCorrectionNotice } from '../corrections.js';
import { compact, fallbackDate, normalizeDate, optionalText, uniqueConcepts, urgencyOf } from '../normalize.js';
import type { Format, ParseContext } from '../types.js';
import { loadXml, sniffXmlRoot } from '../xml.js';
import { attr, child, elements, path, textOf, type XmlElement } from '../xml-tree.js';
import { assertedNames, conceptFrom, inLanguage, readSubjects } from './concepts.js';
import { readContentSet } from './content.js';
import {
  readBy,
  readDescriptions,
  readEdNotes,
  readHeadlines,
  readInfoSources,
  readItemClass,
  readLocated,
  readRights,
  readStatus,
} from './meta.js';
import { isEmptyPackage, readPackageAssociations } from './package.js';

const roots = new Set(['newsItem', 'packageItem', 'newsMessage']);

/** One newsItem or packageItem as one normalised item (INGEST-CONTRACT §1-§9); `sent` is the newsMessage header's. */
function readItem(el: XmlElement, options: { context: ParseContext; sent?: string; rootLang?: string }): Ninjs {
  const { context } = options;
  const file = context.filename;
  const uri = optionalText(attr(el, 'guid'));
  if (!uri) {
    throw new LedeError('LEDE_INGEST_FIELD', `${file}: \`guid\` is missing on <${el.qname}> (every item needs the source identifier)`, {
      details: { file, field: `${el.name}/@guid` },
    });
  }
  const itemMeta = child(el, 'itemMeta');
  const contentMeta = child(el, 'contentMeta');
  // Without contentMeta/language, the nearest xml:lang: contentMeta's, the item's, the newsMessage's.
  const language =
    optionalText(attr(child(contentMeta, 'language'), 'tag')) ??
    optionalText(attr(contentMeta, 'xml:lang')) ??
    optionalText(attr(el, 'xml:lang')) ??
    optionalText(options.rootLang);
  const type = el.name === 'packageItem' ? 'composite' : readItemClass(itemMeta);
  const date = (parent: XmlElement | undefined, name: string) =>
    normalizeDate(textOf(child(parent, name)), { field: `${parent?.name}/${name}`, file, timeZone: context.timezone });
  const asserted = assertedNames(el, language);
  const headlines = readHeadlines(contentMeta, language);
  const content = readContentSet(child(el, 'contentSet'), {
    headline: headlines.find((h) => h.role === 'main')?.value,
    embedHosts: context.embedHosts,
  });
  // An item that had text never comes out empty without a word (issue 10): `FILE: URI: body unreadable (reason)`.
  if (content.unreadable) context.warn?.(`${file}: ${uri}: body unreadable (${content.unreadable})`);
  const nitf = content.nitf;
  if (!headlines.some((h) => h.role === 'main') && nitf) {
    const fallback: NinjsText[] = nitf.headlines.length > 0 ? nitf.headlines : nitf.title ? [{ role: 'main', value: nitf.title }] : [];
    headlines.unshift(...fallback.filter((h) => h.role === 'main' || !headlines.some((k) => k.value === h.value)));
  }
  const descriptions = readDescriptions(contentMeta, language, type);
  if (nitf?.summary && !descriptions.some((d) => d.role === 'summary')) descriptions.unshift({ role: 'summary', value: nitf.summary });
  const notes = readEdNotes(itemMeta);
  let html = content.html;
  if (notes.isCorrection) {
    // §5: the edNote about the correction, else a notice in the body (which leaves it), else another public edNote.
    const notice: { note?: string; html?: string } = notes.correction ? {} : takeCorrectionNotice(html);
    if (notice.note !== undefined) html = notice.html;
    const note = notes.correction ?? notice.note ?? notes.otherNote;
    if (note) descriptions.push({ role: 'correction', value: note });
  }
  const concepts = readSubjects(elements(contentMeta, 'subject'), language, asserted);
  const firstcreated = date(itemMeta, 'firstCreated');
  const contentcreated = date(contentMeta, 'contentCreated');
  const item = {
    uri,
    version: optionalText(attr(el, 'version')),
    type,
    pubstatus: readStatus(itemMeta, context),
    urgency: urgencyOf(textOf(child(contentMeta, 'urgency'))),
    language,
    firstcreated,
    // STT sends empty versionCreated and firstCreated: the item's other times stand in, then the
    // message's. With none, it stays absent and the pipeline uses the receive time (parsers are pure).
    versioncreated:
      date(itemMeta, 'versionCreated') ??
      firstcreated ??
      contentcreated ??
      fallbackDate(options.sent, { field: 'header/sent', file, timeZone: context.timezone, warn: context.warn }),
    contentcreated,
    embargoed: date(itemMeta, 'embargoed'),
    expires: date(itemMeta, 'expires') ?? date(contentMeta, 'expires'),
    headlines,
    by: readBy(contentMeta, language, type) ?? nitf?.by,
    slugline: optionalText(textOf(inLanguage(elements(contentMeta, 'slugline'), language)[0])),
    located: readLocated(contentMeta, language, asserted) ?? nitf?.located,
    dateline: optionalText(textOf(inLanguage(elements(contentMeta, 'dateline'), language)[0])) ?? nitf?.dateline,
    ednote: notes.ednote,
    ...readRights(el, language),
    infosources: readInfoSources(itemMeta, contentMeta, language),
    descriptions,
    ...concepts,
    genres: uniqueConcepts(elements(contentMeta, 'genre').map((g) => conceptFrom(g, language, asserted))),
    keywords: [...new Set(inLanguage(elements(contentMeta, 'keyword'), language).flatMap((k) => optionalText(textOf(k)) ?? []))],
    bodies: html ? [{ role: 'main', contenttype: 'text/html', value: html }] : [],
    renditions: content.renditions,
    associations: el.name === 'packageItem' ? readPackageAssociations(el, language) : [],
  };
  return compact(item) as Ninjs;
}

function newsItemsOf(root: XmlElement, context: ParseContext): XmlElement[] {
  if (root.name === 'newsItem' || root.name === 'packageItem') return [root];
  if (root.name === 'newsMessage') return elements(root, 'itemSet').flatMap((set) => elements(set, 'newsItem', 'packageItem'));
  throw new LedeError(
    'LEDE_INGEST_PARSE',
    `${context.filename}: root element <${root.qname}> is not a NewsML-G2 newsItem, packageItem or newsMessage`,
    {
      details: { file: context.filename },
    },
  );
}

/** IPTC NewsML-G2: newsItem and packageItem, alone or in a newsMessage itemSet. */
export const newsmlG2Format: Format = {
  name: 'newsml-g2',
  detect(bytes) {
    return roots.has(sniffXmlRoot(bytes) ?? '') ? 0.95 : 0;
  },
  parse(bytes, context) {
    const root = loadXml(bytes, { filename: context.filename, maxBytes: context.maxBytes });
    const sent = root.name === 'newsMessage' ? textOf(path(root, 'header', 'sent')) : undefined;
    return newsItemsOf(root, context).flatMap((el, i) => {
      if (el.name === 'packageItem' && !optionalText(attr(el, 'guid')) && isEmptyPackage(el)) {
        context.warn?.(`${context.filename}: skipped an empty packageItem without guid (item ${i + 1})`);
        return [];
      }
      return [readItem(el, { context, sent, rootLang: root === el ? undefined : attr(root, 'xml:lang') })];
    });
  },
};
