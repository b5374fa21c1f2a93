import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.js';
import { isLedeError } from '../../core/errors.js';
import type { Source } from '../../core/story.js';
import { createSourceHealth, type SourceHealth } from '../../ingest/sources/health.js';
import { applySourceSettings, rightNames } from '../../ingest/sources/settings.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../store/open.js';

const usage = `usage: lede sources list [--json]
       lede sources set SLUG [--name N] [--rule auto|hold] [--timezone TZ] [--watch DIR]
                             [--feed URL --interval SECONDS] [--push-token TOKEN] [--push-hmac-secret S]
                             [--idle-minutes N] [--sections 'CODE=section,…'] [--byline B] [--credit C]
                             [--usage-terms T] [--allow ${Object.keys(rightNames).join(',')}] [--deny …]
                             [--non-sequential-versions | --sequential-versions]
                             [--allow-private-fetch | --deny-private-fetch]
An empty value ('') clears a setting.
`;

const rightsText = (source: Source) =>
  Object.entries(rightNames)
    .filter(([, key]) => source.rights?.[key] === false)
    .map(([name]) => `no ${name}`)
    .join(', ') || 'all';

function describe(source: Source, health: SourceHealth | undefined): string {
  const r = source.rules ?? {};
  const parts = [
    `${source.slug}\t${source.name}`,
    `rule ${source.publishRule}`,
    `rights ${rightsText(source)}`,
    r.timezone ? `tz ${r.timezone}` : '',
    r.watchDir ? `watch ${r.watchDir}` : '',
    r.feedUrl ? `feed ${r.feedUrl} every ${r.feedIntervalSeconds ?? 300}s` : '',
    r.sequentialVersions === false ? 'non-sequential versions' : '',
    r.allowPrivateFetch ? 'private fetch allowed' : '',
    r.sections
      ? `sections ${Object.entries(r.sections)
          .map(([c, s]) => `${c}=${s}`)
          .join(',')}`
      : '',
    `last item ${health?.lastItemAt ?? 'never'}`,
    `${health?.itemsLast24h ?? 0} in 24h`,
    `${health?.errorsTotal ?? 0} errors`,
    health?.isSilent ? `SILENT (idle ${health.idleMinutes} min)` : '',
  ];
  return parts.filter(Boolean).join('\t');
}

/** `lede sources list|set`: per-source rules until the newsroom edits them. */
export async function runSources(args: string[], config: () => Readonly<Config>): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'set') {
    process.stderr.write(usage);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      name: { type: 'string' },
      rule: { type: 'string' },
      timezone: { type: 'string' },
      watch: { type: 'string' },
      feed: { type: 'string' },
      interval: { type: 'string' },
      'push-token': { type: 'string' },
      'push-hmac-secret': { type: 'string' },
      'idle-minutes': { type: 'string' },
      sections: { type: 'string' },
      byline: { type: 'string' },
      credit: { type: 'string' },
      'usage-terms': { type: 'string' },
      allow: { type: 'string' },
      deny: { type: 'string' },
      'non-sequential-versions': { type: 'boolean' },
      'sequential-versions': { type: 'boolean' },
      'allow-private-fetch': { type: 'boolean' },
      'deny-private-fetch': { type: 'boolean' },
    },
  });
  const store = await openStore({ url: config().databaseUrl });
  try {
    await store.migrate();
    if (action === 'list') {
      const health = new Map((await createSourceHealth({ store, clock: systemClock }).list()).map((h) => [h.slug, h]));
      const sources = await store.sources.list();
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify(
            sources.map((s) => ({ ...s, health: health.get(s.slug) })),
            null,
            2,
          )}\n`,
        );
      } else {
        for (const source of sources) process.stdout.write(`${describe(source, health.get(source.slug))}\n`);
      }
      return 0;
    }
    const slug = positionals[0];
    if (!slug || positionals.length > 1) {
      process.stderr.write(usage);
      return 2;
    }
    const source = await applySourceSettings(store.sources, slug, {
      name: values.name,
      rule: values.rule,
      timezone: values.timezone,
      // A folder given on the command line is relative to where the command runs.
      watchDir: values.watch === undefined || values.watch === '' ? values.watch : resolve(values.watch),
      feedUrl: values.feed,
      feedIntervalSeconds: values.interval,
      pushToken: values['push-token'],
      pushHmacSecret: values['push-hmac-secret'],
      idleMinutes: values['idle-minutes'],
      sections: values.sections,
      byline: values.byline,
      credit: values.credit,
      usageTerms: values['usage-terms'],
      allow: values.allow,
      deny: values.deny,
      sequentialVersions: values['non-sequential-versions'] ? false : values['sequential-versions'] ? true : undefined,
      allowPrivateFetch: values['allow-private-fetch'] ? true : values['deny-private-fetch'] ? false : undefined,
    });
    process.stdout.write(`${describe(source, undefined)}\n`);
    return 0;
  } catch (error) {
    if (!isLedeError(error, 'LEDE_SOURCE_INVALID')) throw error;
    process.stderr.write(`lede sources: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
