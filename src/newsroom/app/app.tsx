import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, createApi } from './api';
import { isAdmin, type Newsroom, NewsroomContext, useNewsroom } from './context';
import { basePath, hrefOf, interceptLinks, navigate, parseRoute, type Route, useLocation } from './router';
import { Account } from './screens/account';
import { Channels } from './screens/channels';
import { Login } from './screens/login';
import { MediaLibrary } from './screens/media-library';
import { Revisions } from './screens/revisions';
import { SiteScreen, seesSite } from './screens/site';
import { Sources } from './screens/sources';
import { StoryEditor } from './screens/story-editor';
import { StoryList } from './screens/story-list';
import { Users } from './screens/users';
import { WireQueue } from './screens/wire-queue';
import { isSiteRoute } from './site-routes';
import type { SessionDoc, UserDoc } from './types';

const userKey = 'lede-newsroom-user';

function storedUser(): UserDoc | undefined {
  try {
    const text = sessionStorage.getItem(userKey);
    return text ? (JSON.parse(text) as UserDoc) : undefined;
  } catch {
    return undefined;
  }
}

export function App() {
  const location = useLocation();
  const route = parseRoute(location.pathname);
  const [user, setUser] = useState<UserDoc | undefined>(undefined);
  const [isChecking, setIsChecking] = useState(true);
  // An admin who must set up two-factor sign-in first (the API answers LEDE_AUTH_TOTP_REQUIRED).
  const [mustSetUpTotp, setMustSetUpTotp] = useState(false);
  const shell = useRef<HTMLDivElement>(null);
  const api = useMemo(
    () =>
      createApi({
        base: `${basePath}/api/v1`,
        onUnauthorised: () => {
          sessionStorage.removeItem(userKey);
          setUser(undefined);
        },
        onTotpRequired: () => setMustSetUpTotp(true),
      }),
    [],
  );

  useEffect(() => (shell.current ? interceptLinks(shell.current) : undefined), []);

  // A reload keeps the session cookie: ask the server who we are (and for the CSRF token).
  useEffect(() => {
    api
      .get<SessionDoc>('session')
      .then((session) => signIn(session))
      .catch((error: unknown) => {
        const known = storedUser();
        // Servers without `GET session`: trust the tab's copy until a 401 says otherwise.
        if (error instanceof ApiError && (error.status === 404 || error.status === 405) && known && api.csrfToken()) setUser(known);
      })
      .finally(() => setIsChecking(false));
  }, [api]);

  function signIn(session: SessionDoc) {
    api.setSession(session);
    sessionStorage.setItem(userKey, JSON.stringify(session.user));
    setUser(session.user);
  }

  const newsroom: Newsroom | undefined = user && {
    api,
    user,
    async logout() {
      try {
        await api.request('DELETE', 'session');
      } finally {
        api.setSession(undefined);
        sessionStorage.removeItem(userKey);
        setUser(undefined);
        navigate(hrefOf({ name: 'login' }));
      }
    },
    async refreshUser() {
      const session = await api.get<SessionDoc>('session');
      signIn({ ...session, csrf_token: session.csrf_token || api.csrfToken() });
      if (session.user.totp_enabled) setMustSetUpTotp(false);
    },
  };

  useEffect(() => {
    if (user && route.name === 'login') navigate(hrefOf({ name: 'stories' }), { replace: true });
  }, [user, route.name]);

  useEffect(() => {
    const main = document.getElementById('main');
    if (main && !isChecking) main.focus({ preventScroll: true });
  }, [location.pathname, isChecking]);

  return (
    <div class="shell" ref={shell}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      {newsroom && <Header newsroom={newsroom} route={route} />}
      <main id="main" tabIndex={-1}>
        {isChecking ? (
          <p class="muted">Loading…</p>
        ) : !newsroom ? (
          <Login api={api} onSignedIn={signIn} />
        ) : (
          <NewsroomContext.Provider value={newsroom}>
            {mustSetUpTotp ? <Account isRequired /> : <Screen route={route} />}
          </NewsroomContext.Provider>
        )}
      </main>
    </div>
  );
}

/** An admin's screen: other roles are told so, and its data is never asked for (the API refuses it anyway). */
function AdminOnly({ title, what, children }: { title: string; what: string; children: ComponentChildren }) {
  const { user } = useNewsroom();
  if (isAdmin(user.role)) return <>{children}</>;
  return (
    <section>
      <h1>{title}</h1>
      <p>Only admins manage {what}.</p>
    </section>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'stories':
    case 'login':
      return <StoryList />;
    case 'new-story':
      return <StoryEditor key="new" />;
    case 'story':
      return <StoryEditor key={route.id} id={route.id} />;
    case 'revisions':
      return <Revisions id={route.id} />;
    case 'wire':
      return <WireQueue />;
    case 'users':
      return (
        <AdminOnly title="Users" what="accounts">
          <Users />
        </AdminOnly>
      );
    case 'account':
      return <Account />;
    case 'channels':
      return (
        <AdminOnly title="Channels" what="channels">
          <Channels />
        </AdminOnly>
      );
    case 'sources':
      return (
        <AdminOnly title="Sources" what="sources">
          <Sources />
        </AdminOnly>
      );
    case 'media':
      return <MediaLibrary />;
    case 'not-found':
      return (
        <section>
          <h1>Not found</h1>
          <p>
            Nothing here. <a href={hrefOf({ name: 'stories' })}>Back to the stories</a>.
          </p>
        </section>
      );
    default:
      return <SiteScreen route={route} />;
  }
}

function Header({ newsroom, route }: { newsroom: Newsroom; route: Route }) {
  const links: Array<{ route: Route; label: string; isCurrent: boolean }> = [
    { route: { name: 'stories' }, label: 'Stories', isCurrent: ['stories', 'story', 'new-story', 'revisions'].includes(route.name) },
    { route: { name: 'wire' }, label: 'Wire queue', isCurrent: route.name === 'wire' },
  ];
  links.push({ route: { name: 'media' }, label: 'Media', isCurrent: route.name === 'media' });
  if (isAdmin(newsroom.user.role)) links.push({ route: { name: 'users' }, label: 'Users', isCurrent: route.name === 'users' });
  if (seesSite(newsroom.user.role)) links.push({ route: { name: 'site' }, label: 'Site', isCurrent: isSiteRoute(route) });
  if (isAdmin(newsroom.user.role))
    for (const name of ['channels', 'sources'] as const)
      links.push({ route: { name }, label: name === 'channels' ? 'Channels' : 'Sources', isCurrent: route.name === name });
  return (
    <header class="topbar">
      <a class="brand" href={hrefOf({ name: 'stories' })}>
        Lede <span>newsroom</span>
      </a>
      <nav aria-label="Newsroom">
        <ul>
          {links.map((link) => (
            <li key={link.label}>
              <a href={hrefOf(link.route)} aria-current={link.isCurrent ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <a href={hrefOf({ name: 'account' })} aria-current={route.name === 'account' ? 'page' : undefined}>
          {newsroom.user.name} <span class="role">{newsroom.user.role}</span>
        </a>
        <button type="button" class="link" onClick={() => newsroom.logout()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
