import type { Clock } from '../../src/core/clock.js';
import type { Ninjs } from '../../src/core/ninjs.js';
import type { Source } from '../../src/core/story.js';
import type { ItemResult } from '../../src/ingest/pipeline.js';
import type { PushedEventKind } from '../../src/store/outbox-types.js';
import { startTestApp, type TestApp } from './app.js';
import type { FakeTelegram } from './telegram-server.js';

export const botToken = '4242:test-token';
export const chatId = '@lede_test';

let counter = 0;

/** A wire item of source `afp` with a hero picture (generated locally, no network). */
export function wireItem(overrides: Partial<Ninjs> & { picture?: boolean } = {}): Ninjs {
  counter++;
  const { picture = true, ...rest } = overrides;
  const at = '2026-03-01T11:00:00Z';
  return {
    uri: `urn:test:push:${counter}`,
    version: '1',
    type: 'text',
    pubstatus: 'usable',
    language: 'en',
    firstcreated: at,
    versioncreated: at,
    headlines: [{ role: 'main', value: `Harbour strike ends after ${counter} days` }],
    descriptions: [{ role: 'summary', value: 'Dock workers return to work after a deal on pay & hours <finally>.' }],
    by: 'Jane Roe',
    subjects: [{ literal: 'afp:WORLD' }],
    keywords: ['Ports', 'Labour'],
    bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Dock workers went back to work on Sunday.</p>' }],
    ...(picture
      ? {
          associations: [
            {
              name: 'featuremedia',
              type: 'picture',
              uri: `urn:test:push:${counter}:pic`,
              by: 'Jean Photographe',
              renditions: [{ name: 'base', href: `lede-demo-image:${counter}`, contenttype: 'image/jpeg', width: 800, height: 450 }],
            },
          ],
        }
      : {}),
    ...rest,
  };
}

export interface PushApp extends TestApp {
  /** Ingests items from source `afp` (origin `wire`) at the clock's time. */
  ingest(items: Ninjs[]): Promise<ItemResult[]>;
  /** Runs a scheduler tick (taking the lease) and delivers every row due now; the outcomes are in the outbox rows. */
  deliver(): Promise<void>;
}

/**
 * A real app (SQLite file, real socket) whose push channels point at local stand-ins: the
 * fake Bot API, a purge endpoint, webhook receivers. Source `afp` and section `world` exist.
 */
export async function startPushApp(options: {
  clock: Clock;
  telegram?: FakeTelegram;
  purgeUrl?: string;
  webhooks?: Array<{ url: string; secret: string; events?: PushedEventKind[] }>;
  rights?: Source['rights'];
  url?: string;
  searchPath?: string;
}): Promise<PushApp> {
  const t = await startTestApp({ clock: options.clock, url: options.url, searchPath: options.searchPath });
  const { store } = t;
  await store.sources.upsert({
    slug: 'afp',
    name: 'Agence Test',
    shortName: 'AFP',
    kind: 'agency',
    publishRule: 'auto',
    photoCredit: 'AFP',
    rights: options.rights,
  });
  await store.sections.upsert({ slug: 'world', name: 'World', position: 1, subjects: ['afp:WORLD'] });
  await store.authors.upsert({ slug: 'jane-roe', name: 'Jane Roe' });
  if (options.telegram) await store.settings.set('telegram', { botToken, chatId, apiBase: options.telegram.apiBase });
  if (options.purgeUrl) await store.settings.set('purge', { url: options.purgeUrl, token: 'purge-token' });
  for (const hook of options.webhooks ?? [])
    await store.webhooks.add({
      url: hook.url,
      secret: hook.secret,
      events: hook.events ?? ['publish', 'update', 'kill', 'withhold'],
      now: options.clock.now(),
    });
  await t.app.channels.sync(options.clock.now());
  return {
    ...t,
    ingest: (items) => t.app.services.pipeline.ingestItems(items, { source: 'afp' }),
    async deliver() {
      await t.app.scheduler.tick();
      await t.app.outbox.kick();
    },
  };
}
