import type { Kysely } from 'kysely';
import { LedeError } from '../core/errors.js';
import { retryWhileBusy } from './busy-retry.js';
import { createChangeFeed } from './change-feed.js';
import type { StoreDialect } from './dialect.js';
import { runMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';
import { createAccountRepo } from './repos/accounts.js';
import { createApiKeyRepo } from './repos/api-keys.js';
import { createArticleIndexRepo } from './repos/article-index.js';
import { createAuditRepo } from './repos/audit.js';
import { createAuthorRepo } from './repos/authors.js';
import { createChannelRepo } from './repos/channels.js';
import { createDeskRepo } from './repos/desk.js';
import { createEventRepo } from './repos/events.js';
import { createLeaseRepo } from './repos/leases.js';
import { createMediaRepo } from './repos/media.js';
import { createOutboxRepo } from './repos/outbox.js';
import { createPageRepo } from './repos/pages.js';
import { createReaderSignalRepo } from './repos/reader-signals.js';
import { createRedirectRepo } from './repos/redirects.js';
import { createSectionRepo } from './repos/sections.js';
import { createSettingsRepo } from './repos/settings.js';
import { createSourceRepo } from './repos/sources.js';
import { createStoryRepo, type RememberingStoryRepo, type StoryDataRow } from './repos/stories.js';
import { createViewRepo } from './repos/views.js';
import { createWebhookRepo } from './repos/webhooks.js';
import type { Database } from './schema.js';
import { createSettings, type InvalidSetting, warnInvalidSetting } from './settings.js';
import { createStoryChanges } from './story-changes.js';
import type { EventRepo, Repos, Store, StoryEvent } from './types.js';
import { auditStories } from './verify.js';

export interface OpenStoreOptions {
  /** `sqlite:/path/to/lede.db` or `postgres://…`. */
  url: string;
  /** PostgreSQL schema to use (tests give each suite its own). */
  searchPath?: string;
  onError?: (error: unknown) => void;
  /** How long a write may wait for other writers before LEDE_STORE_BUSY (default 60 s). */
  busyWaitMs?: number;
  /** Told once of each stored setting that no longer validates (its default is used); default: a process warning. */
  onInvalidSetting?: (problem: InvalidSetting) => void;
}

/**
 * The only place that picks an engine. Each engine's driver is loaded only when it is picked:
 * a command on SQLite never loads pg, nor one on PostgreSQL the native SQLite module.
 */
async function connect(options: OpenStoreOptions): Promise<StoreDialect> {
  if (options.url.startsWith('sqlite:')) {
    const { connectSqlite } = await import('./dialects/sqlite/connect.js');
    return connectSqlite(options.url.slice('sqlite:'.length));
  }
  if (/^postgres(ql)?:\/\//.test(options.url)) {
    const { connectPostgres } = await import('./dialects/postgres/connect.js');
    return connectPostgres(options.url, { searchPath: options.searchPath });
  }
  // A wrong URL does not get better by retrying: a config error, not an unavailable store.
  throw new LedeError('LEDE_CONFIG_INVALID', `database URL "${options.url}": unsupported (expected sqlite:PATH or postgres://…)`, {
    details: { field: 'DATABASE_URL', value: options.url },
  });
}

/** How long a write waits for another writer (SQLite's lock) before the caller hears LEDE_STORE_BUSY. */
const defaultBusyWaitMs = 60_000;

type Transact = <T>(work: (repos: Repos, trx: Kysely<Database>) => Promise<T>) => Promise<T>;

/**
 * Settings, sections, authors and source rules appear on every page: a write to them logs a
 * `settings` event in the same transaction, so every process's caches follow it like a story change.
 * The event comes first: its append takes the story-writes lock, so a write that reads stories
 * (a delete refused while stories use the row) sees every story change committed before it.
 */
function loggingChanges<T extends object>(
  make: (db: Kysely<Database>) => T,
  name: string,
  methods: Array<keyof T>,
  ctx: { db: Kysely<Database>; transact: Transact; events: EventRepo },
): T {
  const logged = async (db: Kysely<Database>, events: EventRepo, method: keyof T, args: unknown[]) => {
    const key = typeof args[0] === 'string' ? `${name}:${args[0]}` : name;
    await events.append({ storyId: key, kind: 'settings', origin: 'editor', at: new Date().toISOString() });
    return (make(db)[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  const wrapped = methods.map((method) => [
    method,
    (...args: unknown[]) =>
      ctx.db.isTransaction ? logged(ctx.db, ctx.events, method, args) : ctx.transact((tx, trx) => logged(trx, tx.events, method, args)),
  ]);
  return { ...make(ctx.db), ...Object.fromEntries(wrapped) };
}

/** What the repos of the store and of each of its transactions share. */
interface RepoContext {
  onInvalidSetting: (problem: InvalidSetting) => void;
  reportedSettings: Map<string, string>;
  /** The store's retrying transaction, or, inside one, that transaction itself. */
  transact: Transact;
}

function createRepos(
  db: Kysely<Database>,
  dialect: StoreDialect,
  context: RepoContext & { onWritten?: (rows: StoryDataRow[]) => void },
): Repos & { stories: RememberingStoryRepo } {
  const search = dialect.createSearch(db, (ids) => stories.findByIds(ids));
  const stories = createStoryRepo(db);
  // One lock per transaction: every later story change and event append of a batch holds it already.
  let locked: Promise<void> | undefined;
  const lock = () => (locked ??= dialect.lockStoryWrites(db));
  const events = createEventRepo(db, dialect, lock);
  const changes = createStoryChanges(db, {
    lock,
    search,
    events,
    readMany: (ids) => stories.findStoredMany(ids),
    insertRows: dialect.insertRows,
    onWritten: context.onWritten,
  });
  const { transact } = context;
  const ctx = { db, transact, events };
  return {
    applyStoryChange: (request) => (db.isTransaction ? changes.apply(request) : transact((tx) => tx.applyStoryChange(request))),
    applyStoryChanges: (requests) => (db.isTransaction ? changes.applyMany(requests) : transact((tx) => tx.applyStoryChanges(requests))),
    stories,
    search,
    authors: loggingChanges(createAuthorRepo, 'authors', ['upsert', 'remove'], ctx),
    sources: loggingChanges(createSourceRepo, 'sources', ['upsert'], ctx),
    sections: loggingChanges(createSectionRepo, 'sections', ['upsert', 'remove'], ctx),
    media: createMediaRepo(db),
    settings: createSettings({
      repo: loggingChanges(createSettingsRepo, 'settings', ['set'], ctx),
      onInvalid: context.onInvalidSetting,
      reported: context.reportedSettings,
    }),
    events,
    views: createViewRepo(db),
    signals: createReaderSignalRepo(db),
    leases: createLeaseRepo(db),
    outbox: createOutboxRepo(db),
    channels: createChannelRepo(db),
    webhooks: createWebhookRepo(db),
    apiKeys: createApiKeyRepo(db),
    articleIndex: createArticleIndexRepo(db),
    accounts: createAccountRepo(db),
    audit: createAuditRepo(db),
    desk: createDeskRepo(db, dialect),
    pages: createPageRepo(db),
    redirects: createRedirectRepo(db),
  };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dialect = await connect(options);
  const stats = { queries: 0 };
  const db = dialect.createKysely(() => {
    stats.queries++;
  });
  const quiet = dialect.createQuietKysely();
  const onError = options.onError ?? (() => {});
  const feed = createChangeFeed(quiet, dialect, onError);
  const busyWaitMs = options.busyWaitMs ?? defaultBusyWaitMs;
  const transaction: Transact = async (work) => {
    let written: StoryDataRow[] = [];
    const result = await retryWhileBusy(
      () => {
        written = [];
        return db.transaction().execute((trx) => work(transactionRepos(trx, written), trx));
      },
      { translate: dialect.translateError, waitMs: busyWaitMs },
    );
    // Committed: this process's reads (the followers of the events below among them) need not read these rows back.
    repos.stories.remember(written);
    void feed.poll();
    return result;
  };
  // Inside a transaction, a write that would open one runs in it.
  const shared = { onInvalidSetting: options.onInvalidSetting ?? warnInvalidSetting, reportedSettings: new Map<string, string>() };
  const transactionRepos = (trx: Kysely<Database>, written: StoryDataRow[]): Repos => {
    const repos: Repos = createRepos(trx, dialect, {
      ...shared,
      transact: (inner) => inner(repos, trx),
      onWritten: (rows) => {
        for (const row of rows) written.push(row);
      },
    });
    return repos;
  };
  const repos = createRepos(db, dialect, { ...shared, transact: transaction });

  return {
    ...repos,
    stats,
    transaction,
    onEvents(listener: (events: StoryEvent[]) => void) {
      const { ready, unsubscribe } = feed.subscribe(listener);
      ready.catch(onError);
      return unsubscribe;
    },
    verify: () => auditStories(quiet),
    async migrate() {
      // Translated in the retry loop: a refused connection is LEDE_STORE_UNAVAILABLE, a wrong database LEDE_CONFIG_INVALID.
      await runMigrations(quiet, dialect, migrations, { busyWaitMs });
    },
    async close() {
      await feed.stop();
      await db.destroy().catch(() => {});
      await quiet.destroy().catch(() => {});
      await dialect.close();
    },
  };
}
