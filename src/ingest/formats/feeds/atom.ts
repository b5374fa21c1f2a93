import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsText } from '../../../core/ninjs.js';
import { cleanText } from '../../../core/text.js';
import { renderXmlBody } from '../html-body.js';
import { compact } from '../normalize.js';
import { htmlBody, plainText, textBody } from '../paragraphs.js';
import type { Format, ParseContext } from '../types.js';
import { sniffXmlRoot } from '../xml.js';
import { isElement, textOf } from '../xml-tree.js';
import { parseFeedDate } from './feed-date.js';
import { attr, kid, kids, loadFeed, textIn, type XmlElement } from './feed-xml.js';
import { picturesOf } from './media.js';
import { categorySubjects, firstText, headOf, mayMention, mintEntryUri } from './shared.js';

// Atom elements, whether the document uses the default namespace or an `atom:` prefix.
const atom = (name: string) => [name, `atom:${name}`];
const own = (parent: XmlElement | undefined, name: string) => kid(parent, ...atom(name));
const ownAll = (parent: XmlElement | undefined, name: string) => kids(parent, ...atom(name));

type TextKind = 'text' | 'html' | 'xhtml';

/** RFC 4287 §3.1: a text construct is `text` (the default), entity-escaped `html`, or `xhtml` in a div. */
function kindOf(el: XmlElement | undefined): TextKind | undefined {
  if (!el || attr(el, 'src')) return undefined;
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml' || /xml/.test(type)) return 'xhtml';
  return type === 'html' || type === 'text/html' ? 'html' : 'text';
}

function plainOf(el: XmlElement | undefined): string | undefined {
  const kind = kindOf(el);
  if (!kind || !el) return undefined;
  return kind === 'html' ? plainText(textOf(el)) : cleanText(textOf(el)) || undefined;
}

function bodiesOf(el: XmlElement | undefined, context: ParseContext): NinjsText[] {
  const kind = kindOf(el);
  if (!kind || !el || textOf(el).trim() === '') return [];
  let html: string | undefined;
  if (kind === 'xhtml') {
    // The content is the children of one XHTML div (RFC 4287 §3.1.1.3), already a tree.
    const div = el.children.find(isElement);
    html = renderXmlBody(div?.name === 'div' ? div.children : el.children, { embedHosts: context.embedHosts });
  } else html = kind === 'html' ? htmlBody(textOf(el), { embedHosts: context.embedHosts }) : textBody(textOf(el));
  return html ? [{ role: 'main', contenttype: 'text/html', value: html }] : [];
}

function authorsOf(parent: XmlElement | undefined): string | undefined {
  const names = ownAll(parent, 'author')
    .map((a) => firstText(own(a, 'name')))
    .filter((n): n is string => !!n);
  return names.length > 0 ? [...new Set(names)].join(', ') : undefined;
}

function linkOf(entry: XmlElement): string | undefined {
  const links = ownAll(entry, 'link');
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  return attr(alternate, 'href')?.trim() || undefined;
}

function toItem(entry: XmlElement, feed: XmlElement | undefined, context: ParseContext): Ninjs {
  const dateOptions = { file: context.filename, timeZone: context.timezone };
  const content = own(entry, 'content');
  const hasContent = !!kindOf(content) && textOf(content).trim() !== '';
  const summary = plainOf(own(entry, 'summary'));
  const title = plainOf(own(entry, 'title'));
  const source = plainOf(own(feed, 'title'));
  const published = parseFeedDate(textIn(own(entry, 'published')), { field: 'published', ...dateOptions });
  return compact({
    uri: firstText(own(entry, 'id')) ?? linkOf(entry) ?? mintEntryUri('atom', entry),
    type: 'text',
    pubstatus: 'usable',
    language: firstText(attr(entry, 'xml:lang'), attr(content, 'xml:lang'), attr(feed, 'xml:lang')),
    firstcreated: published,
    versioncreated: parseFeedDate(textIn(own(entry, 'updated')), { field: 'updated', ...dateOptions }) ?? published,
    headlines: title ? [{ role: 'main', value: title }] : [],
    by: authorsOf(entry) ?? authorsOf(own(entry, 'source')) ?? authorsOf(feed),
    infosources: source ? [{ name: source }] : [],
    descriptions: hasContent && summary ? [{ role: 'summary', value: summary }] : [],
    subjects: categorySubjects(ownAll(entry, 'category')),
    bodies: bodiesOf(hasContent ? content : own(entry, 'summary'), context),
    associations: picturesOf(entry),
  }) as Ninjs;
}

/** Atom 1.0 (RFC 4287): each `entry` of a feed, or an Atom entry document, is one text item. */
export const atomFormat: Format = {
  name: 'atom',
  detect(bytes) {
    if (!mayMention(bytes, '<feed', '<entry', ':feed', ':entry')) return 0;
    const root = sniffXmlRoot(bytes);
    if (root !== 'feed' && root !== 'entry') return 0;
    return headOf(bytes).includes('http://www.w3.org/2005/Atom') ? 0.9 : 0.5;
  },
  parse(bytes, context) {
    const root = loadFeed(bytes, context);
    if (root.name === 'entry') return [toItem(root, undefined, context)];
    if (root.name !== 'feed') {
      throw new LedeError(
        'LEDE_INGEST_PARSE',
        `${context.filename}: an Atom document has a \`feed\` or \`entry\` root, not \`${root.qname}\``,
        {
          details: { file: context.filename },
        },
      );
    }
    return ownAll(root, 'entry').map((entry) => toItem(entry, root, context));
  },
};
