import type { ComponentChildren } from 'preact';
import { canPublish, isAdmin, useNewsroom } from '../context';
import { hrefOf } from '../router';
import type { SiteRoute } from '../site-routes';
import type { Role } from '../types';
import { AuditLog } from './audit';
import { AuthorEditor } from './author-editor';
import { Authors } from './authors';
import { Callouts } from './callouts';
import { PageEditor } from './page-editor';
import { Pages } from './pages';
import { Redirects } from './redirects';
import { Sections } from './sections';
import { SiteSettings } from './site-settings';

interface Entry {
  route: SiteRoute;
  label: string;
  about: string;
  /** Routes that belong to this entry (the entry is marked current on them). */
  names: SiteRoute['name'][];
  isAllowed(role: Role): boolean;
}

// What each role may open; the server checks every request again.
const entries: Entry[] = [
  {
    route: { name: 'pages' },
    label: 'Pages',
    about: 'About, Contact, Privacy… at /page/…',
    names: ['pages', 'page'],
    isAllowed: canPublish,
  },
  {
    route: { name: 'authors' },
    label: 'Authors',
    about: 'Profiles shown at /author/…',
    names: ['authors', 'author'],
    isAllowed: canPublish,
  },
  { route: { name: 'redirects' }, label: 'Redirects', about: 'Old addresses that answer 301', names: ['redirects'], isAllowed: canPublish },
  {
    route: { name: 'site-settings' },
    label: 'Settings',
    about: 'Name, description, language, logo, social links',
    names: ['site-settings'],
    isAllowed: isAdmin,
  },
  { route: { name: 'sections' }, label: 'Sections', about: 'The sections and their order', names: ['sections'], isAllowed: isAdmin },
  {
    route: { name: 'callouts' },
    label: 'Call-outs',
    about: 'Notes between an article’s paragraphs',
    names: ['callouts'],
    isAllowed: isAdmin,
  },
  { route: { name: 'audit' }, label: 'Audit log', about: 'Who did what, when', names: ['audit'], isAllowed: isAdmin },
];

/** The site screens' own navigation, by role. */
function SiteNav({ current }: { current: SiteRoute['name'] }) {
  const { user } = useNewsroom();
  return (
    <nav class="site-nav" aria-label="Site">
      <ul>
        {entries
          .filter((entry) => entry.isAllowed(user.role))
          .map((entry) => (
            <li key={entry.label}>
              <a href={hrefOf(entry.route)} aria-current={entry.names.includes(current) ? 'page' : undefined}>
                {entry.label}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

function Hub() {
  const { user } = useNewsroom();
  const allowed = entries.filter((entry) => entry.isAllowed(user.role));
  return (
    <section>
      <h1>Site</h1>
      {allowed.length === 0 ? (
        <p>Editors and admins run the site; ask one of them.</p>
      ) : (
        <dl class="site-hub">
          {allowed.map((entry) => (
            <div key={entry.label}>
              <dt>
                <a href={hrefOf(entry.route)}>{entry.label}</a>
              </dt>
              <dd>{entry.about}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function screenOf(route: SiteRoute): ComponentChildren {
  switch (route.name) {
    case 'site':
      return <Hub />;
    case 'site-settings':
      return <SiteSettings />;
    case 'callouts':
      return <Callouts />;
    case 'sections':
      return <Sections />;
    case 'pages':
      return <Pages />;
    case 'page':
      return <PageEditor key={route.slug} slug={route.slug} />;
    case 'redirects':
      return <Redirects />;
    case 'authors':
      return <Authors />;
    case 'author':
      return <AuthorEditor key={route.slug} slug={route.slug} />;
    case 'audit':
      return <AuditLog />;
  }
}

/** A site screen under its navigation; one the role may not open says so (the API would refuse it anyway). */
export function SiteScreen({ route }: { route: SiteRoute }) {
  const { user } = useNewsroom();
  const entry = entries.find((e) => e.names.includes(route.name));
  return (
    <div class="site-admin">
      <SiteNav current={route.name} />
      {entry && !entry.isAllowed(user.role) ? (
        <section>
          <h1>{entry.label}</h1>
          <p>Your role ({user.role}) may not change this.</p>
        </section>
      ) : (
        screenOf(route)
      )}
    </div>
  );
}

/** Whether a role sees the Site link at all. */
export const seesSite = (role: Role) => entries.some((entry) => entry.isAllowed(role));
