import { isAbsolute } from 'node:path';
import { LedeError } from '../../core/errors.js';
import { parseSectionMap, type SourceRules } from '../../core/source-rules.js';
import type { Source, SourceRights } from '../../core/story.js';
import { isTimeZone } from '../../core/time-zone.js';
import type { SourceRepo } from '../../store/types.js';
import { hashToken } from './credentials.js';

/**
 * A change to a source's settings, as `lede sources set` and the newsroom give it.
 * Strings are as typed; an empty string clears the setting.
 */
export interface SourceSettingsInput {
  name?: string;
  rule?: string;
  timezone?: string;
  watchDir?: string;
  feedUrl?: string;
  feedIntervalSeconds?: string;
  pushToken?: string;
  pushHmacSecret?: string;
  idleMinutes?: string;
  sections?: string;
  byline?: string;
  credit?: string;
  usageTerms?: string;
  allow?: string;
  deny?: string;
  sequentialVersions?: boolean;
  allowPrivateFetch?: boolean;
}

/** CLI names of the rights (`--allow social,feeds-fulltext,api`). */
export const rightNames: Record<string, keyof SourceRights> = {
  social: 'social',
  'feeds-fulltext': 'feedsFullText',
  api: 'api',
  webhooks: 'webhooks',
};

type SettingField = keyof SourceSettingsInput | 'slug';

/** The `lede sources set` option of each field, where it is not the field's own name. */
const optionOf: Partial<Record<SettingField, string>> = {
  watchDir: 'watch',
  feedUrl: 'feed',
  feedIntervalSeconds: 'interval',
  idleMinutes: 'idle-minutes',
  usageTerms: 'usage-terms',
};

/** Names the CLI option in the message and the input field in `details.field` (the newsroom answers it as `field`). */
const invalid = (slug: string, field: SettingField, value: unknown, reason: string) =>
  new LedeError('LEDE_SOURCE_INVALID', `source ${slug}: --${optionOf[field] ?? field} "${String(value)}" ${reason}`, {
    details: { source: slug, field, value },
  });

const positiveInt = (slug: string, field: SettingField, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw invalid(slug, field, value, 'must be a whole number above 0');
  return n;
};

const orUndefined = (value: string) => (value.trim() === '' ? undefined : value.trim());

function rightsFrom(slug: string, current: SourceRights | undefined, input: SourceSettingsInput): SourceRights | undefined {
  if (input.allow === undefined && input.deny === undefined) return current;
  const rights: SourceRights = { ...current };
  for (const [field, allowed] of [
    ['allow', true],
    ['deny', false],
  ] as const) {
    for (const name of (input[field] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      const key = rightNames[name];
      if (!key) throw invalid(slug, field, name, `is not a right (known: ${Object.keys(rightNames).join(', ')})`);
      rights[key] = allowed;
    }
  }
  return rights;
}

function rulesFrom(slug: string, current: SourceRules | undefined, input: SourceSettingsInput): SourceRules {
  const rules: SourceRules = { ...current };
  const set = <K extends keyof SourceRules>(key: K, value: SourceRules[K] | undefined) => {
    if (value === undefined) delete rules[key];
    else rules[key] = value;
  };
  if (input.timezone !== undefined) {
    const tz = orUndefined(input.timezone);
    if (tz && !isTimeZone(tz)) throw invalid(slug, 'timezone', tz, 'is not an IANA time zone such as Europe/Paris');
    set('timezone', tz);
  }
  if (input.watchDir !== undefined) {
    const dir = orUndefined(input.watchDir);
    if (dir && !isAbsolute(dir)) throw invalid(slug, 'watchDir', dir, 'must be an absolute path');
    set('watchDir', dir);
  }
  if (input.feedUrl !== undefined) {
    const url = orUndefined(input.feedUrl);
    if (url && !/^https?:\/\/[^/]+/.test(url)) throw invalid(slug, 'feedUrl', url, 'must be an http(s) URL');
    set('feedUrl', url);
  }
  if (input.feedIntervalSeconds !== undefined)
    set('feedIntervalSeconds', positiveInt(slug, 'feedIntervalSeconds', input.feedIntervalSeconds));
  if (input.idleMinutes !== undefined)
    set('idleMinutes', input.idleMinutes.trim() === '' ? undefined : positiveInt(slug, 'idleMinutes', input.idleMinutes));
  if (input.sections !== undefined) {
    let map: Record<string, string>;
    try {
      map = parseSectionMap(input.sections);
    } catch (error) {
      throw invalid(slug, 'sections', input.sections, `is not CODE=section,… (${(error as Error).message})`);
    }
    set('sections', Object.keys(map).length > 0 ? map : undefined);
  }
  if (input.byline !== undefined) set('byline', orUndefined(input.byline));
  if (input.sequentialVersions !== undefined) set('sequentialVersions', input.sequentialVersions ? undefined : false);
  if (input.allowPrivateFetch !== undefined) set('allowPrivateFetch', input.allowPrivateFetch ? true : undefined);
  return rules;
}

/** Creates or changes a source: validates everything first, then writes, so a typo changes nothing. */
export async function applySourceSettings(sources: SourceRepo, slug: string, input: SourceSettingsInput): Promise<Source> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw invalid(slug, 'slug', slug, 'must be lower-case letters, digits and dashes');
  if (input.rule !== undefined && input.rule !== 'auto' && input.rule !== 'hold')
    throw invalid(slug, 'rule', input.rule, 'must be auto or hold');
  const current = await sources.findBySlug(slug);
  const name = input.name !== undefined ? orUndefined(input.name) : undefined;
  const source: Source = {
    slug,
    name: name ?? current?.name ?? slug,
    shortName: name ?? current?.shortName ?? slug,
    kind: current?.kind ?? 'agency',
    copyrightholder: current?.copyrightholder,
    usageNotice: input.usageTerms !== undefined ? orUndefined(input.usageTerms) : current?.usageNotice,
    photoCredit: input.credit !== undefined ? orUndefined(input.credit) : current?.photoCredit,
    publishRule: (input.rule as Source['publishRule'] | undefined) ?? current?.publishRule ?? 'auto',
    rights: rightsFrom(slug, current?.rights, input) ?? {},
    rules: rulesFrom(slug, current?.rules, input),
  };
  await sources.upsert(source);
  const tokenHash = input.pushToken === undefined ? undefined : orUndefined(input.pushToken) ? hashToken(input.pushToken.trim()) : null;
  const hmacSecret = input.pushHmacSecret === undefined ? undefined : (orUndefined(input.pushHmacSecret) ?? null);
  await sources.setPushCredentials(slug, { tokenHash, hmacSecret });
  return (await sources.findBySlug(slug)) ?? source;
}
