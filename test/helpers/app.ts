import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Clock, systemClock } from '../../src/core/clock.js';
import { type App, createApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import type { Logger } from '../../src/server/logger.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';
import { copyDemoInto, copyMigratedSqlite } from './demo-template.js';

export interface TestApp {
  base: string;
  app: App;
  store: Store;
  config: Readonly<Config>;
  close(): Promise<void>;
}

/**
 * A real Lede app on a real socket (127.0.0.1, port 0) over a SQLite file in a temp dir.
 * With `demo`, the demo set is loaded first (through the real loader). On the default
 * SQLite database with the system clock and a silent logger, that load happens once per run
 * and each app starts on a copy of it (see demo-template.ts); `demo: 'load'` always loads
 * afresh. The demo's times are relative to when it was loaded, at most minutes before.
 */
export async function startTestApp(
  options: {
    demo?: boolean | 'load';
    clock?: Clock;
    url?: string;
    searchPath?: string;
    logger?: Logger;
    /** More environment for loadConfig (`LEDE_TRUST_PROXY`…). */
    env?: Record<string, string>;
    /** Interface to listen on (default 127.0.0.1). */
    host?: string;
  } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lede-test-'));
  const config = loadConfig({ LEDE_DATA_DIR: dataDir, PORT: '0', LEDE_PUBLIC_URL: 'http://news.example.test', ...options.env });
  // A copy only where it is the same as a load: same engine and file name, same clock, no log to read.
  const isCopy =
    options.demo === true &&
    options.url === undefined &&
    options.searchPath === undefined &&
    options.clock === undefined &&
    options.logger === undefined;
  if (isCopy) await copyDemoInto(dataDir);
  // Without a database URL, the app's SQLite file starts as a copy of one migrated once per run.
  else if (options.url === undefined && options.env?.DATABASE_URL === undefined) await copyMigratedSqlite(join(dataDir, 'lede.db'));
  const store = await openStore({ url: options.url ?? config.databaseUrl, searchPath: options.searchPath });
  await store.migrate();
  const logger = options.logger ?? pino({ level: 'silent' });
  const app = await createApp({ config, store, clock: options.clock ?? systemClock, logger });
  if (options.demo && !isCopy) await app.services.loadDemo();
  app.readiness.isReady = true;
  await app.http.listen({ port: 0, host: options.host ?? '127.0.0.1' });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    app,
    store,
    config,
    async close() {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
