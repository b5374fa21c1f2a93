import { authorPath, sectionPath, sourcePath, tagPath } from '../../core/urls.js';
import type { ListQuery, Store } from '../../store/types.js';

export type ScopeKind = 'site' | 'section' | 'tag' | 'author' | 'source';

/** Which stories a feed lists: the whole site, or one section, tag, author or source. */
export interface FeedScope {
  kind: ScopeKind;
  /** e.g. "World" (the site's own name for the site feed). */
  name?: string;
  /** The HTML list the feed mirrors (`/world/`), whose feeds are `feedPath(format, listPath)`. */
  listPath: string;
  /** The cache tag every story event of this list carries (`list:section:world`). */
  listTag: string;
  filter: Omit<ListQuery, 'limit' | 'offset' | 'excludeIds'>;
}

/**
 * Resolves a scope from the URL, or undefined when no such section, tag, author or source
 * exists (the caller answers 404, tagged with `missingTag` so a later publish can create it).
 */
export async function resolveScope(store: Store, kind: ScopeKind, slug = ''): Promise<FeedScope | undefined> {
  switch (kind) {
    case 'site':
      return { kind, listPath: '/', listTag: 'list:home', filter: {} };
    case 'section': {
      const section = await store.sections.findBySlug(slug);
      return (
        section && {
          kind,
          name: section.name,
          listPath: sectionPath(section.slug),
          listTag: `list:section:${section.slug}`,
          filter: { section: section.slug },
        }
      );
    }
    case 'tag': {
      const tag = await store.stories.findTag(slug);
      return tag && { kind, name: tag.name, listPath: tagPath(tag.slug), listTag: `list:tag:${tag.slug}`, filter: { tag: tag.slug } };
    }
    case 'author': {
      const author = await store.authors.findBySlug(slug);
      return (
        author && {
          kind,
          name: author.name,
          listPath: authorPath(author.slug),
          listTag: `list:author:${author.slug}`,
          filter: { author: author.slug },
        }
      );
    }
    case 'source': {
      const source = await store.sources.findBySlug(slug);
      return (
        source && {
          kind,
          name: source.name,
          listPath: sourcePath(source.slug),
          listTag: `list:source:${source.slug}`,
          filter: { source: source.slug },
        }
      );
    }
  }
}

/** The tag that a publish creating this (yet unknown) list would invalidate. */
export function missingTag(kind: ScopeKind, slug: string): string {
  return kind === 'section' ? 'settings' : `list:${kind}:${slug}`;
}
