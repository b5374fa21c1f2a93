import type { NinjsAssociation, NinjsRendition } from '../../../core/ninjs.js';
import { compact } from '../normalize.js';
import { plainText } from '../paragraphs.js';
import { attr, kid, kids, textIn, type XmlElement } from './feed-xml.js';

interface Picture {
  key: string;
  by?: string;
  caption?: string;
  renditions: NinjsRendition[];
}

const imagePath = /\.(?:jpe?g|png|gif|webp|avif)$/i;
const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url.trim());
const count = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

function pathOf(url: string): string {
  return url.replace(/[?#].*$/, '');
}

function isImage(node: XmlElement, url: string): boolean {
  const type = attr(node, 'type');
  const medium = attr(node, 'medium');
  if (medium) return medium === 'image';
  if (type) return /^image\//i.test(type);
  return imagePath.test(pathOf(url));
}

function rendition(node: XmlElement, urlAttr: string, isThumbnail = false): NinjsRendition | undefined {
  const href = attr(node, urlAttr)?.trim();
  if (!isHttp(href) || !(isThumbnail || isImage(node, href))) return undefined;
  return compact({
    href,
    contenttype: attr(node, 'type'),
    width: count(attr(node, 'width')),
    height: count(attr(node, 'height')),
    sizeinbytes: count(attr(node, 'fileSize') ?? attr(node, 'length')),
  });
}

const creditOf = (node: XmlElement) => plainText(textIn(kid(node, 'media:credit')));
const captionOf = (node: XmlElement) => plainText(textIn(kid(node, 'media:description')) ?? textIn(kid(node, 'media:title')));

/**
 * The pictures of an RSS item or Atom entry (INGEST-CONTRACT §9): Media RSS `media:content`
 * (alone or in a `media:group`), `enclosure` and Atom `link rel="enclosure"`; `media:thumbnail`
 * only when nothing else is there. Sizes of one image (same file path, other query, as the
 * Guardian sends them) are renditions of one picture; `media:credit` is its `by`.
 */
export function picturesOf(entry: XmlElement): NinjsAssociation[] {
  const pictures: Picture[] = [];
  const add = (r: NinjsRendition | undefined, meta: { by?: string; caption?: string }, groupKey?: string) => {
    if (!r?.href) return;
    const key = groupKey ?? (imagePath.test(pathOf(r.href)) ? pathOf(r.href) : r.href);
    const known = pictures.find((p) => p.key === key);
    if (known) {
      if (!known.renditions.some((k) => k.href === r.href)) known.renditions.push(r);
      known.by ??= meta.by;
      known.caption ??= meta.caption;
    } else pictures.push({ key, ...meta, renditions: [r] });
  };
  const itemMeta = { by: creditOf(entry), caption: captionOf(entry) };
  for (const group of kids(entry, 'media:group')) {
    const groupMeta = { by: creditOf(group) ?? itemMeta.by, caption: captionOf(group) ?? itemMeta.caption };
    const renditions = kids(group, 'media:content').map((c) => [c, rendition(c, 'url')] as const);
    const first = renditions.find(([, r]) => r)?.[1];
    for (const [c, r] of renditions) add(r, { by: creditOf(c) ?? groupMeta.by, caption: captionOf(c) ?? groupMeta.caption }, first?.href);
  }
  for (const c of kids(entry, 'media:content')) {
    add(rendition(c, 'url'), { by: creditOf(c) ?? itemMeta.by, caption: captionOf(c) ?? itemMeta.caption });
  }
  for (const e of kids(entry, 'enclosure')) add(rendition(e, 'url'), itemMeta);
  for (const link of kids(entry, 'link', 'atom:link')) {
    if (attr(link, 'rel') === 'enclosure') add(rendition(link, 'href'), itemMeta);
  }
  if (pictures.length === 0) {
    for (const t of kids(entry, 'media:thumbnail')) add(rendition(t, 'url', true), itemMeta);
  }
  return pictures.map((p, i) =>
    compact({
      name: i === 0 ? 'featuremedia' : `picture-${i + 1}`,
      uri: p.key,
      type: 'picture',
      by: p.by,
      descriptions: p.caption ? [{ role: 'caption', value: p.caption }] : [],
      renditions: p.renditions,
    }),
  );
}
