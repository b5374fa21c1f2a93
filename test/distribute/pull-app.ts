import type { TestContext } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { createManualClock } from '../../src/core/clock.js';
import type { Ninjs } from '../../src/core/ninjs.js';
import type { SourceRights } from '../../src/core/story.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** Parsed XML or JSON of a response, read field by field in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: parser output is untyped by nature.
export type Xml = Record<string, any>;

export const now = '2026-03-10T12:00:00.000Z';
export const hourMs = 60 * 60 * 1000;

/** Every feed the pull app's stories appear in: the site's, and per section, tag, author and source. */
export const appFeedPaths = [
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  '/world/feed.xml',
  '/tag/water/atom.xml',
  '/author/marc-duval/feed.json',
  '/source/mpa/feed.xml',
];

export interface PullTestApp extends TestApp {
  clock: ReturnType<typeof createManualClock>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  text(path: string): Promise<string>;
  json<T = unknown>(path: string, headers?: Record<string, string>): Promise<T>;
  /** Ingests items through the real pipeline (one batch), as source `source`. */
  ingest(items: Ninjs[], source?: string): Promise<Array<{ id: string; outcome: string }>>;
}

/**
 * A real Lede app (SQLite in a temp dir, real socket) on a manual clock, with two sections,
 * two sources (one whose rights forbid full text in feeds and the API) and one author.
 */
export async function startPullApp(
  t: TestContext,
  options: { rights?: SourceRights; engine?: { url: string; searchPath?: string } } = {},
): Promise<PullTestApp> {
  const clock = createManualClock(now);
  const app = await startTestApp({ clock, url: options.engine?.url, searchPath: options.engine?.searchPath });
  t.after(() => app.close());
  const { store } = app;
  await store.settings.set('site', { name: 'The Daily Lede', description: 'News from home and abroad.', language: 'en' });
  await store.sections.upsert({ slug: 'world', name: 'World', position: 0, subjects: ['mpa:WORLD'] });
  await store.sections.upsert({ slug: 'sport', name: 'Sport', position: 1, subjects: ['mpa:SPO'] });
  const agency = { kind: 'agency' as const, publishRule: 'auto' as const };
  await store.sources.upsert({
    ...agency,
    slug: 'mpa',
    name: 'Meridian Press Agency',
    shortName: 'MPA',
    copyrightholder: 'Meridian Press Agency',
    usageNotice: 'Editorial use only.',
    photoCredit: 'MPA',
  });
  await store.sources.upsert({
    ...agency,
    slug: 'nordwire',
    name: 'Nordwire',
    shortName: 'Nordwire',
    copyrightholder: 'Nordwire AS',
    rights: options.rights ?? { feedsFullText: false, api: false },
  });
  await store.authors.upsert({ slug: 'marc-duval', name: 'Marc Duval' });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.base}${path}`, { headers, redirect: 'manual' });
  return {
    ...app,
    clock,
    get,
    text: async (path) => (await get(path)).text(),
    json: async (path, headers) => (await get(path, headers)).json(),
    ingest: (items, source = 'mpa') => app.app.services.pipeline.ingestItems(items, { source }),
  };
}

let counter = 0;

/** A usable wire item first created `hoursAgo` before the test's `now`. */
export function wireItem(overrides: Partial<Ninjs> & { hoursAgo?: number } = {}): Ninjs {
  counter++;
  const { hoursAgo = 1, ...rest } = overrides;
  const at = new Date(Date.parse(now) - hoursAgo * hourMs).toISOString();
  return {
    uri: `urn:test:pull:${counter}`,
    version: '1',
    type: 'text',
    pubstatus: 'usable',
    language: 'en',
    firstcreated: at,
    versioncreated: at,
    headlines: [{ role: 'main', value: `Story number ${counter} from the wire` }],
    by: 'By Marc Duval',
    descriptions: [{ role: 'summary', value: `The standfirst of story ${counter}.` }],
    subjects: [{ literal: 'mpa:WORLD', name: 'World' }],
    keywords: ['Water'],
    copyrightnotice: '(c) 2026 Meridian Press Agency',
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: `<p>First paragraph of story ${counter}.</p><p>Second paragraph, full text only.</p>`,
      },
    ],
    ...rest,
  };
}

export function killOf(item: Ninjs, version = '9'): Ninjs {
  return { uri: item.uri, version, type: 'text', pubstatus: 'canceled', versioncreated: new Date(Date.parse(now) + 60_000).toISOString() };
}

/** Retries `check` until it holds: changes reach the cache through the event log, within 2 s (DESIGN). */
export async function eventually(check: () => Promise<boolean>, what: string, withinMs = 2000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An XML parser that keeps namespaces prefixes and attributes, and never expands entities. */
export const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'category', 'link', 'author', 'dc:creator'].includes(name),
});
