import cluster from 'node:cluster';
import { systemClock } from '../core/clock.js';
import { openStore } from '../store/open.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';

async function listen(app: Awaited<ReturnType<typeof createApp>>, port: number): Promise<string> {
  try {
    // `::` also accepts IPv4 (127.0.0.1) on a dual-stack host.
    return await app.http.listen({ port, host: '::' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAFNOSUPPORT' && (error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL') throw error;
    return app.http.listen({ port, host: '0.0.0.0' });
  }
}

/**
 * Runs one serving process: migrate, listen, load the demo once, then report ready.
 * With `prepared`, a primary process already migrated and seeded (see `serveWorkers`).
 */
export async function serve(config: Readonly<Config>, options: { prepared?: boolean } = {}): Promise<() => Promise<void>> {
  const logger = createLogger(config.logLevel);
  const store = await openStore({
    url: config.databaseUrl,
    onError: (error) => logger.error({ err: error }, 'change feed failed'),
    onInvalidSetting: (problem) =>
      logger.warn(
        { setting: problem.key, field: problem.field, reason: problem.reason },
        `setting "${problem.key}" is invalid; using its default`,
      ),
  });
  if (!options.prepared) await store.migrate();
  const app = await createApp({ config, store, clock: systemClock, logger });
  const address = await listen(app, config.port);
  logger.info({ address, publicUrl: config.publicUrl }, 'lede is listening');
  if (!options.prepared && config.demo) {
    app.readiness.reason = 'loading demo content';
    await app.services.seedDemoOnce();
  }
  app.readiness.isReady = true;
  app.readiness.reason = 'ready';
  app.scheduler.start();

  let closing: Promise<void> | undefined;
  const stop = () => {
    closing ??= (async () => {
      await app.close();
      await store.close();
    })();
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      stop().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return stop;
}

/** `lede serve --workers N`: the primary migrates and seeds, then N workers share the port. */
export async function serveWorkers(config: Readonly<Config>, workers: number): Promise<void> {
  if (cluster.isWorker) {
    await serve(config, { prepared: true });
    return;
  }
  const logger = createLogger(config.logLevel);
  const store = await openStore({ url: config.databaseUrl });
  await store.migrate();
  if (config.demo) {
    const { createServices } = await import('./services.js');
    await createServices({ config, store, clock: systemClock, logger }).seedDemoOnce();
  }
  await store.close();
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    logger.warn({ pid: worker.process.pid, code, signal }, 'worker exited; starting another');
    if (!shuttingDown) cluster.fork();
  });
  let shuttingDown = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      shuttingDown = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
}
