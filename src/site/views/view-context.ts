import type { SocialLink } from '../../core/settings-catalogue.js';
import type { Section, Story } from '../../core/story.js';
import type { DateFormatter } from './format.js';

/** The `site` setting as the reader site uses it. */
export interface SiteInfo {
  name: string;
  description: string;
  /** Language of the site's own words (navigation, labels). */
  language: string;
  /** Media id of the uploaded logo shown in the header, when there is one. */
  logo?: string;
}

/** Everything a view needs besides its own data; built once per (uncached) render. */
export interface ViewContext {
  site: SiteInfo;
  /** In position order, for the navigation. */
  sections: Section[];
  /** Published urgency 1–2 stories of the last 24 hours. */
  breaking: Story[];
  /** Static pages for the footer (About, Contact, Privacy, Corrections first): a link only for a page that exists. */
  pages: Array<{ slug: string; title: string }>;
  /** The site's social links (setting `social`), for the footer. */
  social: SocialLink[];
  publicUrl: string;
  assets: { css: string; js: string; logo: string; avatar: string };
  format: DateFormatter;
  now: Date;
}

export function sectionName(view: ViewContext, slug: string | undefined): string | undefined {
  return slug === undefined ? undefined : view.sections.find((s) => s.slug === slug)?.name;
}
