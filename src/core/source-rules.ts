import type { Ninjs } from './ninjs.js';

/**
 * What a source's editors decide about its copy (edited in the newsroom, until then with
 * `lede sources set`). Everything is optional: an absent rule means the default.
 */
export interface SourceRules {
  /** IANA zone for source times without an offset (INGEST-CONTRACT §4); UTC when absent. */
  timezone?: string;
  /** Subject or agency-category code → our section slug; wins over the global section subjects. */
  sections?: Record<string, string>;
  /** Byline for items that carry none. */
  byline?: string;
  /** `false` when the agency's versions are not increasing integers: the later `versioncreated` wins. */
  sequentialVersions?: boolean;
  /** Alert when a source that delivers has been silent for longer than this. */
  idleMinutes?: number;
  /** Folder the agency drops files into (watch-folder transport). */
  watchDir?: string;
  /** Feed to poll (feed-poll transport), every `feedIntervalSeconds`. */
  feedUrl?: string;
  feedIntervalSeconds?: number;
  /**
   * Pictures and the feed may be fetched from private, loopback and link-local addresses
   * (an agency server on the newsroom's own network). Off by default: a wire item's picture
   * URL must not reach this host, the local network or a cloud metadata service.
   */
  allowPrivateFetch?: boolean;
}

export const defaultFeedIntervalSeconds = 300;

/** Reads `CODE=section,CODE=section` (the CLI's `--sections`); an empty string clears the map. */
export function parseSectionMap(spec: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const at = entry.lastIndexOf('=');
    const code = entry.slice(0, at).trim();
    const section = entry.slice(at + 1).trim();
    if (at <= 0 || code === '' || section === '') throw new Error(`"${entry}" is not CODE=section`);
    map[code] = section;
  }
  return map;
}

/**
 * The section a source's own map gives an item: the first subject or genre (in the item's
 * order) whose literal, uri or name is in the map. Agency categories arrive as subjects
 * with the agency's scheme (`dpacat:…`, `N2:…`), so one map covers both.
 */
export function sectionFromRules(item: Pick<Ninjs, 'subjects' | 'genres'>, rules: SourceRules | undefined): string | undefined {
  const map = rules?.sections;
  if (!map) return undefined;
  for (const concept of [...(item.subjects ?? []), ...(item.genres ?? [])]) {
    for (const code of [concept.literal, concept.uri, concept.name]) {
      if (code !== undefined && map[code] !== undefined) return map[code];
    }
  }
  return undefined;
}
