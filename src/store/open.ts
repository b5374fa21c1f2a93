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
import type { EventRepo, Repos, Store, StoryEvent } from './types.js';

export interface OpenStoreOptions {
  /** `sqlite:/path/to/lede.db` or `postgres://…`. */
  url: string;
  /** PostgreSQL schema to use (tests give each suite its own). */
  searchPath?: string;
  onError?: (error: unknown) => void;
}

/** The only place that picks an engine. */
function connect(options: OpenStoreOptions): StoreDialect {
  if (options.url.startsWith('sqlite:')) return connectSqlite(options.url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(options.url)) return connectPostgres(options.url, { searchPath: options.searchPath });
  // A wrong URL does not get better by retrying: a config error, not an unavailable store.
  throw new LedeError('LEDE_CONFIG_INVALID', `database URL "${options.url}": unsupported (expected sqlite:PATH or postgres://…)`, {
    details: { field: 'DATABASE_URL', value: options.url },
  });
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

function createRepos(db: Kysely<Database>, dialect: StoreDialect): Repos {
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
    settings: loggingChanges(createSettingsRepo(db), 'set', events, 'settings'),
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
  const repos = createRepos(db, dialect);
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
      const result = await translate(() => db.transaction().execute((trx) => work(createRepos(trx, dialect))));
      void feed.poll();
      return result;
    },
    onEvents(listener: (events: StoryEvent[]) => void) {
      const { ready, unsubscribe } = feed.subscribe(listener);
      ready.catch(onError);
      return unsubscribe;
    },
    async migrate() {
      // Translated too: a refused connection at boot is LEDE_STORE_UNAVAILABLE, a wrong database LEDE_CONFIG_INVALID.
      await translate(() => runMigrations(quiet, dialect, migrations));
    },
    async close() {
      await feed.stop();
      await db.destroy().catch(() => {});
      await quiet.destroy().catch(() => {});
      await dialect.close();
    },
  };
}
