import { useEffect, useState } from 'preact/hooks';
import { parseSiteRoute, type SiteRoute, siteHref } from './site-routes.js';

/** The client's routes, all under `/newsroom/` (the server answers each with the HTML shell). */
export type Route =
  | { name: 'stories' }
  | { name: 'login' }
  | { name: 'new-story' }
  | { name: 'story'; id: string }
  | { name: 'revisions'; id: string }
  | { name: 'wire' }
  | { name: 'users' }
  | { name: 'account' }
  | { name: 'channels' }
  | { name: 'sources' }
  | { name: 'media' }
  | { name: 'not-found'; path: string }
  | SiteRoute;

export const basePath = '/newsroom';

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'stories' };
  const [first, second, third] = parts;
  if (first === 'login' && parts.length === 1) return { name: 'login' };
  if (first === 'wire' && parts.length === 1) return { name: 'wire' };
  if (first === 'users' && parts.length === 1) return { name: 'users' };
  if (first === 'account' && parts.length === 1) return { name: 'account' };
  if (first === 'site') return parseSiteRoute(parts.slice(1)) ?? { name: 'not-found', path: pathname };
  if ((first === 'channels' || first === 'sources' || first === 'media') && parts.length === 1) return { name: first };
  if (first === 'stories' && second === 'new' && parts.length === 2) return { name: 'new-story' };
  if (first === 'stories' && second && parts.length === 2) return { name: 'story', id: second };
  if (first === 'stories' && second && third === 'revisions' && parts.length === 3) return { name: 'revisions', id: second };
  return { name: 'not-found', path: pathname };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'stories':
      return `${basePath}/`;
    case 'login':
      return `${basePath}/login`;
    case 'new-story':
      return `${basePath}/stories/new`;
    case 'story':
      return `${basePath}/stories/${encodeURIComponent(route.id)}`;
    case 'revisions':
      return `${basePath}/stories/${encodeURIComponent(route.id)}/revisions`;
    case 'wire':
      return `${basePath}/wire`;
    case 'users':
      return `${basePath}/users`;
    case 'account':
      return `${basePath}/account`;
    case 'channels':
    case 'sources':
    case 'media':
      return `${basePath}/${route.name}`;
    case 'not-found':
      return route.path;
    default:
      return siteHref(basePath, route);
  }
}

/** Goes to a client route without a page load (`replace` for redirects). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current location (path and query), following pushState and back/forward. */
export function useLocation(): { pathname: string; search: string } {
  const read = () => ({ pathname: location.pathname, search: location.search });
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const onChange = () => setCurrent(read());
    addEventListener('popstate', onChange);
    return () => removeEventListener('popstate', onChange);
  }, []);
  return current;
}

/** Same-origin links under /newsroom/ are followed by the client; others (site, preview) load. */
export function interceptLinks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(`${basePath}/`) || url.pathname.startsWith(`${basePath}/api/`)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
