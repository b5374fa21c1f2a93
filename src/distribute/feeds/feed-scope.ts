import { primaryLanguage } from '../../core/story.js';
import { authorPath, languagePath, sectionPath, sourcePath, tagPath } from '../../core/urls.js';
import type { ListQuery, Store } from '../../store/types.js';

export type ScopeKind = 'site' | 'section' | 'tag' | 'author' | 'source' | 'lang';

/** Which stories a feed lists: the whole site, or one section, tag, author, source or language. */
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
  // The site's and its sections' feeds carry the site's language; the others have their own (`/lang/fr/`).
  const siteLanguage = async () => primaryLanguage((await store.settings.get('site')).language);
  switch (kind) {
    case 'site':
      return { kind, listPath: '/', listTag: 'list:home', filter: { language: await siteLanguage() } };
    case 'lang': {
      const language = primaryLanguage(slug);
      if (!/^[a-z]{2,3}$/.test(language) || language === (await siteLanguage())) return undefined;
      const carried = (await store.stories.publishedLanguages()).some((l) => l.language === language);
      return carried ? { kind, listPath: languagePath(language), listTag: `list:lang:${language}`, filter: { language } } : undefined;
    }
    case 'section': {
      const [section, language] = await Promise.all([store.sections.findBySlug(slug), siteLanguage()]);
      return (
        section && {
          kind,
          name: section.name,
          listPath: sectionPath(section.slug),
          listTag: `list:section:${section.slug}`,
          filter: { section: section.slug, language },
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
