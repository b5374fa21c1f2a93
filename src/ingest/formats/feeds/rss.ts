import { LedeError } from '../../../core/errors.js';
import type { Ninjs } from '../../../core/ninjs.js';
import { compact } from '../normalize.js';
import { plainText } from '../paragraphs.js';
import type { Format, ParseContext } from '../types.js';
import { sniffXmlRoot } from '../xml.js';
import { parseFeedDate } from './feed-date.js';
import { attr, kid, kids, loadFeed, textIn, type XmlElement } from './feed-xml.js';
import { picturesOf } from './media.js';
import { bodiesOf, categorySubjects, firstText, headOf, mayMention, mintEntryUri } from './shared.js';

const wordpressExport = /xmlns:wp=["']http:\/\/wordpress\.org\/export\//;

/** RSS `author` is "email (Name)": the name is the byline; a bare address is kept as sent. */
function authorName(value: string | undefined): string | undefined {
  const text = plainText(value);
  return text?.match(/^\S+@\S+\s*\((.+)\)$/)?.[1]?.trim() ?? text;
}

function bylineOf(item: XmlElement): string | undefined {
  const creators = kids(item, 'dc:creator')
    .map((c) => plainText(textIn(c)))
    .filter((c): c is string => !!c);
  return creators.length > 0 ? [...new Set(creators)].join(', ') : authorName(textIn(kid(item, 'author')));
}

function toItem(item: XmlElement, channel: XmlElement, context: ParseContext, root?: XmlElement): Ninjs {
  const dateOptions = { file: context.filename, timeZone: context.timezone };
  const content = textIn(kid(item, 'content:encoded'));
  const description = textIn(kid(item, 'description'));
  const hasContent = content !== undefined && content.trim() !== '';
  const summary = hasContent ? plainText(description) : undefined;
  const source = firstText(kid(channel, 'title'));
  const title = firstText(kid(item, 'title'));
  return compact({
    uri: firstText(kid(item, 'guid'), kid(item, 'link'), attr(item, 'rdf:about')) ?? mintEntryUri('rss', item),
    type: 'text',
    pubstatus: 'usable',
    language: firstText(
      kid(channel, 'language'),
      kid(channel, 'dc:language'),
      kid(item, 'dc:language'),
      attr(item, 'xml:lang'),
      attr(channel, 'xml:lang'),
      attr(root, 'xml:lang'),
    ),
    versioncreated:
      parseFeedDate(textIn(kid(item, 'pubDate')), { field: 'pubDate', ...dateOptions }) ??
      parseFeedDate(textIn(kid(item, 'dc:date')), { field: 'dc:date', ...dateOptions }),
    headlines: title ? [{ role: 'main', value: title }] : [],
    by: bylineOf(item),
    infosources: source ? [{ name: source }] : [],
    // With a full `content:encoded`, the description is the standfirst (INGEST-CONTRACT §6).
    descriptions: summary ? [{ role: 'summary', value: summary }] : [],
    subjects: categorySubjects(kids(item, 'category', 'dc:subject')),
    bodies: bodiesOf(hasContent ? content : description, context),
    associations: picturesOf(item),
  }) as Ninjs;
}

/** RSS 2.0 (and RSS 1.0 / RDF): each `item` is one text item (INGEST-CONTRACT §1). */
export const rssFormat: Format = {
  name: 'rss',
  detect(bytes) {
    if (!mayMention(bytes, '<rss', 'RDF')) return 0;
    const root = sniffXmlRoot(bytes);
    const head = root === 'rss' || root === 'RDF' ? headOf(bytes) : '';
    if (root === 'rss') return wordpressExport.test(head) ? 0.4 : 0.9;
    if (root === 'RDF' && head.includes('purl.org/rss/1.0')) return 0.85;
    return 0;
  },
  parse(bytes, context) {
    const root = loadFeed(bytes, context);
    // RSS 2.0 keeps its items in the channel; RSS 1.0 (RDF) next to it.
    const channel = root.qname === 'rss' ? kid(root, 'channel') : kid(root, 'channel', 'rss:channel');
    if (!channel) {
      throw new LedeError('LEDE_INGEST_PARSE', `${context.filename}: an RSS document needs a \`channel\` element`, {
        details: { file: context.filename, field: 'channel' },
      });
    }
    const items = root.qname === 'rss' ? kids(channel, 'item') : kids(root, 'item', 'rss:item');
    return items.map((item) => toItem(item, channel, context, root));
  },
};
