import type { Kysely } from 'kysely';
import { LedeError } from '../core/errors.js';
import { createChangeFeed } from './change-feed.js';
import type { StoreDialect } from './dialect.js';
import { connectPostgres } from './dialects/postgres/connect.js';
import { connectSqlite } from './dialects/sqlite/connect.js';
import { runMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';
import { createApiKeyRepo } from './repos/api-keys.js';
import { createArticleIndexRepo } from './repos/article-index.js';
import { createAuthorRepo } from './repos/authors.js';
import { createChannelRepo } from './repos/channels.js';
import { createEventRepo } from './repos/events.js';
import { createLeaseRepo } from './repos/leases.js';
import { createMediaRepo } from './repos/media.js';
import { createOutboxRepo } from './repos/outbox.js';
import { createSectionRepo } from './repos/sections.js';
import { createSettingsRepo } from './repos/settings.js';
import { createSourceRepo } from './repos/sources.js';
import { createStoryRepo } from './repos/stories.js';
import { createViewRepo } from './repos/views.js';
import { createWebhookRepo } from './repos/webhooks.js';
import type { Database } from './schema.js';
import { createSettings, type InvalidSetting, warnInvalidSetting } from './settings.js';
import type { EventRepo, Repos, Store, StoryEvent } from './types.js';

export interface OpenStoreOptions {
  /** `sqlite:/path/to/lede.db` or `postgres://…`. */
  url: string;
  /** PostgreSQL schema to use (tests give each suite its own). */
  searchPath?: string;
  onError?: (error: unknown) => void;
  /** Told once of each stored setting that no longer validates (its default is used); default: a process warning. */
  onInvalidSetting?: (problem: InvalidSetting) => void;
}

/** The only place that picks an engine. */
function connect(options: OpenStoreOptions): StoreDialect {
  if (options.url.startsWith('sqlite:')) return connectSqlite(options.url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(options.url)) return connectPostgres(options.url, { searchPath: options.searchPath });
  throw new LedeError('LEDE_STORE_UNAVAILABLE', `unsupported database URL "${options.url}" (expected sqlite:PATH or postgres://…)`);
}

/**
 * Settings, sections, authors and source rules appear on every page: a write to them logs a
 * `settings` event, so every process's caches follow it like a story change.
 */
function loggingChanges<T extends object>(repo: T, method: keyof T, events: EventRepo, what: string): T {
  const write = repo[method] as (...args: unknown[]) => Promise<void>;
  return {
    ...repo,
    [method]: async (...args: unknown[]) => {
      await write(...args);
      const key = typeof args[0] === 'string' ? `${what}:${args[0]}` : what;
      await events.append({ storyId: key, kind: 'settings', origin: 'editor', at: new Date().toISOString() });
    },
  };
}

/** What the repos of the store and of each of its transactions share. */
interface RepoContext {
  onInvalidSetting: (problem: InvalidSetting) => void;
  reportedSettings: Map<string, string>;
}

function createRepos(db: Kysely<Database>, dialect: StoreDialect, context: RepoContext): Repos {
  const search = dialect.createSearch(db, (ids) => stories.findByIds(ids));
  const stories = createStoryRepo(db, search);
  const events = createEventRepo(db, dialect);
  return {
    stories,
    search,
    authors: loggingChanges(createAuthorRepo(db), 'upsert', events, 'authors'),
    sources: loggingChanges(createSourceRepo(db), 'upsert', events, 'sources'),
    sections: loggingChanges(createSectionRepo(db), 'upsert', events, 'sections'),
    media: createMediaRepo(db),
    settings: createSettings({
      repo: loggingChanges(createSettingsRepo(db), 'set', events, 'settings'),
      onInvalid: context.onInvalidSetting,
      reported: context.reportedSettings,
    }),
    events,
    views: createViewRepo(db),
    leases: createLeaseRepo(db),
    outbox: createOutboxRepo(db),
    channels: createChannelRepo(db),
    webhooks: createWebhookRepo(db),
    apiKeys: createApiKeyRepo(db),
    articleIndex: createArticleIndexRepo(db),
  };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dialect = connect(options);
  const stats = { queries: 0 };
  const db = dialect.createKysely(() => {
    stats.queries++;
  });
  const quiet = dialect.createQuietKysely();
  const onError = options.onError ?? (() => {});
  const feed = createChangeFeed(quiet, dialect, onError);
  const context: RepoContext = { onInvalidSetting: options.onInvalidSetting ?? warnInvalidSetting, reportedSettings: new Map() };
  const repos = createRepos(db, dialect, context);
  const translate = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw dialect.translateError(error);
    }
  };

  return {
    ...repos,
    capabilities: dialect.capabilities,
    stats,
    async transaction(work) {
      const result = await translate(() => db.transaction().execute((trx) => work(createRepos(trx, dialect, context))));
      void feed.poll();
      return result;
    },
    onEvents(listener: (events: StoryEvent[]) => void) {
      const { ready, unsubscribe } = feed.subscribe(listener);
      ready.catch(onError);
      return unsubscribe;
    },
    async migrate() {
      await runMigrations(quiet, dialect, migrations);
    },
    async close() {
      await feed.stop();
      await db.destroy().catch(() => {});
      await quiet.destroy().catch(() => {});
      await dialect.close();
    },
  };
}
