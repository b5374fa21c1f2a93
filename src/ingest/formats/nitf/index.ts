import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsText, PubStatus } from '../../../core/ninjs.js';
import { isEndOfCopy, takeCorrectionNotice } from '../corrections.js';
import { compact, conceptOf, mintUri, normalizeDate, optionalText, uniqueConcepts, urgencyOf } from '../normalize.js';
import type { Format, ParseContext } from '../types.js';
import { loadXml, sniffXmlRoot } from '../xml.js';
import { attr, child, descendants, elements, path, textOf, type XmlElement } from '../xml-tree.js';
import { nitfBodyHtml, nitfPictures, readNitfBodyHead } from './read.js';

// NITF 3.x docdata/@management-status; "embargoed" is usable with an embargo time (§5).
const statuses: Record<string, PubStatus> = { usable: 'usable', embargoed: 'usable', withheld: 'withheld', canceled: 'canceled' };

function statusOf(docdata: XmlElement | undefined, context: ParseContext): PubStatus {
  const raw = optionalText(attr(docdata, 'management-status'));
  if (raw === undefined) return 'usable';
  const status = statuses[raw.toLowerCase()];
  if (status) return status;
  throw new LedeError(
    'LEDE_INGEST_FIELD',
    `${context.filename}: \`docdata/@management-status\` "${raw}" is not a known status (expected usable, embargoed, withheld, canceled)`,
    { details: { file: context.filename, field: 'management-status', value: raw } },
  );
}

/** `date.release` is an embargo when it is later than `date.issue`, or when the status says so. */
function embargoOf(release: string | undefined, issue: string | undefined, docdata: XmlElement | undefined): string | undefined {
  if (!release) return undefined;
  if (attr(docdata, 'management-status')?.trim().toLowerCase() === 'embargoed') return release;
  return !issue || Date.parse(release) > Date.parse(issue) ? release : undefined;
}

/**
 * tobject.subject refnums are IPTC subject codes (INGEST-CONTRACT §8), unless `ipr` names
 * another owner: EFE sends its own `F01001000` codes next to the IPTC ones.
 */
function subjectOf(subject: XmlElement) {
  const refnum = optionalText(attr(subject, 'tobject.subject.refnum'));
  const ipr = optionalText(attr(subject, 'tobject.subject.ipr'));
  const named = (level: string) => optionalText(attr(subject, `tobject.subject.${level}`));
  const isIptc = refnum !== undefined && /^\d{8}$/.test(refnum) && (!ipr || ipr.toUpperCase() === 'IPTC');
  const mostSpecific = named('detail') ?? named('matter') ?? named('type');
  if (!refnum) return conceptOf({ literal: mostSpecific, name: mostSpecific });
  // type, matter and detail name the three levels of the code (NITF 3.x tobject.subject), so an
  // IPTC code takes the name of its own level: AAP sends 15000000 with type "Sport" and matter
  // "Rugby League", and 15000000 is sport. A name of another level would misname the code.
  const level = refnum.endsWith('000000') ? 'type' : refnum.endsWith('000') ? 'matter' : 'detail';
  const literal = isIptc ? `subj:${refnum}` : ipr ? `${ipr}:${refnum}` : refnum;
  return conceptOf({ literal, name: isIptc ? named(level) : mostSpecific });
}

/** One NITF document as one item (INGEST-CONTRACT §1). */
export function readNitf(root: XmlElement, bytes: Buffer, context: ParseContext): Ninjs {
  const file = context.filename;
  const head = child(root, 'head');
  const docdata = child(head, 'docdata');
  const body = child(root, 'body');
  const bodyContent = child(body, 'body.content');
  const bodyHead = readNitfBodyHead(child(body, 'body.head'));
  const date = (name: string) =>
    normalizeDate(attr(child(docdata, name), 'norm'), { field: `docdata/${name}/@norm`, file, timeZone: context.timezone });
  const issued = date('date.issue');
  const released = date('date.release');
  const title = optionalText(textOf(child(head, 'title')));
  const headlines: NinjsText[] =
    bodyHead.headlines.some((h) => h.role === 'main') || !title
      ? bodyHead.headlines
      : [{ role: 'main', value: title }, ...bodyHead.headlines];
  const docId = child(docdata, 'doc-id');
  const copyright = child(docdata, 'doc.copyright');
  const rights = child(docdata, 'doc.rights');
  // §5: the correction's note is its @info, unless that is an end-of-copy marker ("Schluss", "-30-")
  // or missing: then a notice in the body that opens with a correction label, which leaves the body.
  const marked = child(docdata, 'correction');
  const info = optionalText(attr(marked, 'info'));
  let html = nitfBodyHtml(bodyContent?.children ?? [], { embedHosts: context.embedHosts });
  let correction = isEndOfCopy(info) ? undefined : info;
  if (marked && !correction) {
    const notice = takeCorrectionNotice(html);
    if (notice.note !== undefined) [correction, html] = [notice.note, notice.html];
  }
  const summary = bodyHead.summary;
  const item = {
    uri: optionalText(attr(docId, 'id-string')) ?? mintUri('nitf', bytes),
    version: optionalText(attr(child(docdata, 'du-key'), 'version')),
    type: 'text',
    pubstatus: statusOf(docdata, context),
    urgency: urgencyOf(attr(child(docdata, 'urgency'), 'ed-urg')),
    language:
      optionalText(attr(root, 'baselang')) ??
      optionalText(attr(root, 'xml:lang')) ??
      optionalText(attr(head, 'xml:lang')) ??
      optionalText(attr(body, 'xml:lang')) ??
      optionalText(attr(bodyContent, 'xml:lang')),
    // An agency that leaves date.issue empty still gives its release time; with neither, it stays
    // absent and the pipeline uses the receive time (parsers are pure).
    versioncreated: issued ?? released,
    embargoed: embargoOf(released, issued, docdata),
    expires: date('date.expire'),
    headlines,
    by: bodyHead.by,
    located: bodyHead.located ?? optionalText(attr(child(docdata, 'evloc'), 'city')),
    dateline: bodyHead.dateline,
    ednote: optionalText(attr(child(docdata, 'ed-msg'), 'info')),
    copyrightholder:
      optionalText(attr(copyright, 'holder')) ??
      optionalText(attr(rights, 'owner')) ??
      optionalText(textOf(descendants(body, 'rights.owner')[0])),
    usageterms: optionalText(attr(rights, 'limitations')),
    infosources: [{ name: bodyHead.distributor ?? optionalText(attr(docId, 'regsrc')) }],
    descriptions: [
      ...(summary ? [{ role: 'summary', value: summary }] : []),
      ...(correction ? [{ role: 'correction', value: correction }] : []),
    ],
    subjects: uniqueConcepts(elements(child(head, 'tobject'), 'tobject.subject').map(subjectOf)),
    keywords: [...new Set(elements(path(docdata, 'key-list'), 'keyword').flatMap((k) => optionalText(attr(k, 'key')) ?? []))],
    bodies: html ? [{ role: 'main', contenttype: 'text/html', value: html }] : [],
    associations: nitfPictures(bodyContent),
  };
  return compact(item) as Ninjs;
}

/** NITF 3.x (IPTC News Industry Text Format): `nitf/head/docdata` and `body`. */
export const nitfFormat: Format = {
  name: 'nitf',
  detect(bytes) {
    return sniffXmlRoot(bytes) === 'nitf' ? 0.95 : 0;
  },
  parse(bytes, context) {
    const root = loadXml(bytes, { filename: context.filename, maxBytes: context.maxBytes });
    if (root.name !== 'nitf') {
      throw new LedeError('LEDE_INGEST_PARSE', `${context.filename}: root element <${root.qname}> is not <nitf>`, {
        details: { file: context.filename },
      });
    }
    return [readNitf(root, bytes, context)];
  },
};
