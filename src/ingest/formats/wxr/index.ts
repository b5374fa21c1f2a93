import { LedeError } from '../../../core/errors.js';
import type { Ninjs, NinjsAssociation, PubStatus } from '../../../core/ninjs.js';
import { attr, kid, kids, textIn, type XmlElement } from '../feeds/feed-xml.js';
import { firstText, headOf, mayMention, mintEntryUri } from '../feeds/shared.js';
import { compact, normalizeDate } from '../normalize.js';
import { htmlBody, plainText } from '../paragraphs.js';
import type { Format, ParseContext } from '../types.js';
import { loadXml, sniffXmlRoot } from '../xml.js';
import { autop } from './autop.js';
import { stripShortcodes } from './shortcodes.js';

const exportNamespace = /xmlns:wp=["']http:\/\/wordpress\.org\/export\//;

// INGEST-CONTRACT §5. Statuses the table does not name (a plugin's own, `auto-draft`) are
// withheld: an unknown state must never publish a post.
const statuses: Record<string, PubStatus> = {
  publish: 'usable',
  future: 'usable',
  draft: 'withheld',
  pending: 'withheld',
  private: 'withheld',
  trash: 'canceled',
};

const wp = (item: XmlElement, field: string) => textIn(kid(item, `wp:${field}`))?.trim() || undefined;

/** A WordPress date: `0000-00-00 00:00:00` is how an unscheduled draft says "none". */
function wpDate(item: XmlElement, field: string, context: ParseContext, timeZone = 'UTC'): string | undefined {
  const value = wp(item, field);
  if (!value || value.startsWith('0000-00-00')) return undefined;
  return normalizeDate(value, { field: `wp:${field}`, file: context.filename, timeZone });
}

function metaOf(item: XmlElement, key: string): string | undefined {
  const meta = kids(item, 'wp:postmeta').find((m) => textIn(kid(m, 'wp:meta_key'))?.trim() === key);
  return textIn(kid(meta, 'wp:meta_value'))?.trim() || undefined;
}

/** The featured image: `_thumbnail_id` names the attachment item (INGEST-CONTRACT §9). */
function featuredImage(item: XmlElement, attachments: Map<string, XmlElement>): NinjsAssociation[] {
  const id = metaOf(item, '_thumbnail_id');
  const attachment = id ? attachments.get(id) : undefined;
  const href = attachment ? wp(attachment, 'attachment_url') : undefined;
  if (!attachment || !href) return [];
  const caption = plainText(textIn(kid(attachment, 'excerpt:encoded')));
  return [
    compact({
      name: 'featuremedia',
      type: 'picture',
      uri: firstText(kid(attachment, 'guid')) ?? href,
      descriptions: caption ? [{ role: 'caption', value: caption }] : [],
      renditions: [{ href }],
    }),
  ];
}

/**
 * The post's HTML as WordPress shows it: shortcodes out, then autop, except for block-editor
 * posts (`<!-- wp:… -->`), which WordPress itself no longer runs through autop (WP 5.0+).
 */
function formatContent(content: string): string {
  const stripped = stripShortcodes(content);
  return stripped.includes('<!-- wp:') ? stripped : autop(stripped);
}

function termsOf(item: XmlElement, domain: string): Array<{ slug?: string; name: string }> {
  return kids(item, 'category').flatMap((c) => {
    const name = attr(c, 'domain') === domain ? plainText(textIn(c)) : undefined;
    return name ? [{ slug: attr(c, 'nicename'), name }] : [];
  });
}

interface Site {
  title?: string;
  language?: string;
  authors: Map<string, string>;
  attachments: Map<string, XmlElement>;
}

function toItem(item: XmlElement, site: Site, context: ParseContext): Ninjs {
  const status = wp(item, 'status') ?? 'publish';
  // A password-protected post is not public on the WordPress site either.
  const pubstatus = wp(item, 'post_password') ? 'withheld' : (statuses[status] ?? 'withheld');
  const posted = wpDate(item, 'post_date_gmt', context) ?? wpDate(item, 'post_date', context, context.timezone);
  const creator = firstText(kid(item, 'dc:creator'));
  const content = textIn(kid(item, 'content:encoded')) ?? '';
  const body = content.trim() ? htmlBody(formatContent(content), { embedHosts: context.embedHosts }) : '';
  const title = firstText(kid(item, 'title'));
  const summary = plainText(textIn(kid(item, 'excerpt:encoded')));
  const link = firstText(kid(item, 'link'));
  return compact({
    uri: firstText(kid(item, 'guid'), kid(item, 'link')) ?? mintEntryUri('wxr', item),
    // The post's address on the old site: kept, so that it can answer 301 to the story here.
    altids: link ? [{ role: 'permalink', value: link }] : [],
    type: 'text',
    pubstatus,
    language: site.language,
    firstcreated: posted,
    versioncreated: wpDate(item, 'post_modified_gmt', context) ?? posted,
    embargoed: status === 'future' ? posted : undefined,
    headlines: title ? [{ role: 'main', value: title }] : [],
    by: creator ? (site.authors.get(creator) ?? creator) : undefined,
    infosources: site.title ? [{ name: site.title }] : [],
    descriptions: summary ? [{ role: 'summary', value: summary }] : [],
    subjects: termsOf(item, 'category').map((t) => ({ literal: `category:${t.slug ?? t.name}`, name: t.name })),
    keywords: [...new Set(termsOf(item, 'post_tag').map((t) => t.name))],
    bodies: body ? [{ role: 'main', contenttype: 'text/html', value: body }] : [],
    associations: featuredImage(item, site.attachments),
  }) as Ninjs;
}

/** A WordPress export (WXR 1.0–1.2): each post and page is an item; attachments are not. */
export const wxrFormat: Format = {
  name: 'wxr',
  detect(bytes) {
    if (!mayMention(bytes, 'wordpress.org/export', '<wp:wxr_version') || sniffXmlRoot(bytes) !== 'rss') return 0;
    const head = headOf(bytes);
    return exportNamespace.test(head) || head.includes('<wp:wxr_version>') ? 0.95 : 0;
  },
  parse(bytes, context) {
    // WordPress always writes UTF-8 with a declaration: no fallback encoding as for web feeds.
    const root = loadXml(bytes, { filename: context.filename, maxBytes: context.maxBytes });
    const channel = root.qname === 'rss' ? kid(root, 'channel') : undefined;
    if (!channel) {
      throw new LedeError('LEDE_INGEST_PARSE', `${context.filename}: a WordPress export needs an \`rss/channel\` element`, {
        details: { file: context.filename, field: 'channel' },
      });
    }
    const items = kids(channel, 'item');
    const site: Site = {
      title: firstText(kid(channel, 'title')),
      language: firstText(kid(channel, 'language'), attr(channel, 'xml:lang'), attr(root, 'xml:lang')),
      authors: new Map(
        kids(channel, 'wp:author').flatMap((a) => {
          const login = firstText(kid(a, 'wp:author_login'));
          const name = firstText(kid(a, 'wp:author_display_name'));
          return login && name ? [[login, name] as const] : [];
        }),
      ),
      attachments: new Map(
        items
          .filter((i) => wp(i, 'post_type') === 'attachment')
          .flatMap((i) => (wp(i, 'post_id') ? [[wp(i, 'post_id')!, i] as const] : [])),
      ),
    };
    return items
      .filter((i) => {
        const type = wp(i, 'post_type') ?? 'post';
        return type === 'post' || type === 'page';
      })
      .map((item) => toItem(item, site, context));
  },
};
