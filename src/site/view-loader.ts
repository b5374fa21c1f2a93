import { isBreakingUrgency } from '../core/cache-tags.js';
import type { Clock } from '../core/clock.js';
import { settingsCatalogue } from '../core/settings-catalogue.js';
import { primaryLanguage, type Story } from '../core/story.js';
import type { Store } from '../store/types.js';
import type { EventMemo, MemoScope } from './event-memo.js';
import type { SiteAssets } from './site-assets.js';
import { createDateFormatter, dateLocale, langAttr } from './views/format.js';
import type { SiteInfo, ViewContext } from './views/view-context.js';

export interface LoadedView {
  view: ViewContext;
  /** Cache tags of what every page shows: settings, sections, the breaking strip. */
  tags: string[];
  /** The render's reads kept until the next store event: a route reads the rest of its page through it. */
  memo: MemoScope;
}

export interface ViewLoader {
  load(): Promise<LoadedView>;
  /**
   * No database query: the last site info and sections this process saw (or defaults), no
   * breaking strip. For the 500 page and the per-reader fragment.
   */
  lastKnown(): ViewContext;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Stories for the breaking strip: urgency 1–2, published in the last 24 hours. */
export function breakingStories(recent: Story[], now: Date): Story[] {
  return recent.filter((s) => isBreakingUrgency(s.urgency) && now.getTime() - Date.parse(s.publishedAt ?? s.firstcreated) <= dayMs);
}
const defaultSite: SiteInfo = settingsCatalogue.site.default;

const footerFirst = ['about', 'contact', 'privacy', 'corrections'];
/** About, Contact, Privacy and Corrections in that order, then the other pages by title. */
function footerOrder(pages: Array<{ slug: string; title: string }>) {
  const rank = (slug: string) => (footerFirst.includes(slug) ? footerFirst.indexOf(slug) : footerFirst.length);
  return [...pages].sort((a, b) => rank(a.slug) - rank(b.slug) || a.title.localeCompare(b.title));
}

export function createViewLoader(deps: {
  store: Store;
  clock: Clock;
  config: { publicUrl: string; timezone: string };
  assets: SiteAssets;
  memo: EventMemo;
}): ViewLoader {
  const assets = { css: deps.assets.css.path, js: deps.assets.js.path, logo: deps.assets.logo.path, avatar: deps.assets.avatar.path };
  let lastGood: Pick<ViewContext, 'site' | 'sections' | 'pages' | 'social'> = { site: defaultSite, sections: [], pages: [], social: [] };

  // An Intl.DateTimeFormat costs about half a millisecond to make: one per locale, kept.
  const formatters = new Map<string, ReturnType<typeof createDateFormatter>>();
  const formatterFor = (locale: string) => {
    let formatter = formatters.get(locale);
    if (!formatter) {
      formatter = createDateFormatter({ locale, timeZone: deps.config.timezone });
      formatters.set(locale, formatter);
    }
    return formatter;
  };
  const build = (parts: Pick<ViewContext, 'site' | 'sections' | 'breaking' | 'pages' | 'social'>): ViewContext => ({
    ...parts,
    publicUrl: deps.config.publicUrl,
    assets,
    format: formatterFor(dateLocale(parts.site.language, deps.config.timezone)),
    now: deps.clock.now(),
  });

  return {
    async load() {
      const now = deps.clock.now();
      const memo = await deps.memo.current();
      const [setting, sections, recent, pages, social] = await memo.get('view', () =>
        Promise.all([
          deps.store.settings.get('site'),
          deps.store.sections.list(),
          // Urgent stories are few; the newest 30 published cover a day's breaking news.
          deps.store.stories.listLatest({ limit: 30 }),
          deps.store.pages.list(),
          deps.store.settings.get('social'),
        ]),
      );
      const site: SiteInfo = { ...setting, language: langAttr(setting.language, defaultSite.language) };
      const breaking = breakingStories(
        recent.filter((s) => primaryLanguage(s.language) === primaryLanguage(site.language)),
        now,
      );
      const sorted = [...sections].sort((a, b) => a.position - b.position);
      const footerPages = footerOrder(pages.map((p) => ({ slug: p.slug, title: p.title })));
      lastGood = { site, sections: sorted, pages: footerPages, social };
      const tags = ['settings', 'list:breaking', ...breaking.map((s) => `story:${s.id}`)];
      return { view: build({ site, sections: sorted, breaking, pages: footerPages, social }), tags, memo };
    },
    lastKnown: () => build({ ...lastGood, breaking: [] }),
  };
}
