/** The newsroom's site screens, under `/newsroom/site/` (router.ts takes them in). */
export type SiteRoute =
  | { name: 'site' }
  | { name: 'site-settings' }
  | { name: 'callouts' }
  | { name: 'sections' }
  | { name: 'pages' }
  | { name: 'page'; slug: string }
  | { name: 'redirects' }
  | { name: 'authors' }
  | { name: 'author'; slug: string }
  | { name: 'audit' };

const names: ReadonlySet<string> = new Set([
  'site',
  'site-settings',
  'callouts',
  'sections',
  'pages',
  'page',
  'redirects',
  'authors',
  'author',
  'audit',
]);

export const isSiteRoute = (route: { name: string }): route is SiteRoute => names.has(route.name);

const simple = ['settings', 'callouts', 'sections', 'pages', 'redirects', 'authors', 'audit'] as const;

/** The route of the parts after `site/`, or undefined when there is none. */
export function parseSiteRoute(parts: string[]): SiteRoute | undefined {
  const [first, second] = parts;
  if (!first) return { name: 'site' };
  if (parts.length === 1 && (simple as readonly string[]).includes(first))
    return { name: first === 'settings' ? 'site-settings' : (first as Exclude<(typeof simple)[number], 'settings'>) };
  if (parts.length === 2 && first === 'pages' && second) return { name: 'page', slug: second };
  if (parts.length === 2 && first === 'authors' && second) return { name: 'author', slug: second };
  return undefined;
}

export function siteHref(base: string, route: SiteRoute): string {
  switch (route.name) {
    case 'site':
      return `${base}/site`;
    case 'site-settings':
      return `${base}/site/settings`;
    case 'page':
      return `${base}/site/pages/${encodeURIComponent(route.slug)}`;
    case 'author':
      return `${base}/site/authors/${encodeURIComponent(route.slug)}`;
    default:
      return `${base}/site/${route.name}`;
  }
}
