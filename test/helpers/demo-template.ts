import { existsSync, rmSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../../src/core/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';
import { openStore } from '../../src/store/open.js';

/**
 * The demo set loaded once into a SQLite data folder (`lede.db` and `media/`), so that
 * `startTestApp({ demo: true })` copies a folder instead of drawing every demo picture with
 * sharp and ingesting 66 files again (about 4 s of CPU each time).
 *
 * Once per run: `scripts/run-tests.mjs` names a folder of its own in LEDE_TEST_CACHE_DIR,
 * shared by every test process of the run; the first process that needs the demo loads it
 * (through the real loader, `services.loadDemo()`), the others wait for it. Without that
 * variable (a test file run on its own) it is once per process, in a temp folder removed at exit.
 */
export async function demoDataDir(): Promise<string> {
  return template('demo-sqlite', loadInto);
}

/**
 * A SQLite database file with every migration applied and no rows, made once per run like
 * the demo. Migrating a new file takes a second of waiting for the disk on a loaded machine
 * (each migration commits on its own), copying this one a few milliseconds.
 */
export async function migratedSqliteFile(): Promise<string> {
  return join(await template('migrated-sqlite', migrateInto), 'lede.db');
}

/** Copies the migrated, empty SQLite database to `file` (the store's `store.migrate()` then finds nothing to do). */
export async function copyMigratedSqlite(file: string): Promise<void> {
  await copyFile(await migratedSqliteFile(), file);
}

const ready = new Map<string, Promise<string>>();

/** How long a process waits for another one that is making a template. */
const waitMs = 180_000;

/** The folder `name` in the run's cache, made by `build` (into an empty folder) in the first process that asks. */
function template(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  let found = ready.get(name);
  if (found === undefined) {
    found = prepare(name, build).catch((error: unknown) => {
      ready.delete(name);
      throw error;
    });
    ready.set(name, found);
  }
  return found;
}

async function prepare(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const shared = process.env.LEDE_TEST_CACHE_DIR;
  const cacheDir = shared !== undefined && shared !== '' ? shared : await processCacheDir();
  const target = join(cacheDir, name);
  if (existsSync(target)) return target;
  await mkdir(cacheDir, { recursive: true });
  try {
    await mkdir(`${target}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitFor(target);
  }
  const building = `${target}.building`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building);
  await build(building);
  // The rename is what tells the other processes that the folder is complete.
  await rename(building, target);
  return target;
}

async function migrateInto(dir: string): Promise<void> {
  const store = await openStore({ url: `sqlite:${join(dir, 'lede.db')}` });
  try {
    await store.migrate();
  } finally {
    // Closing the last connection checkpoints the WAL into lede.db, so the file copies whole.
    await store.close();
  }
}

async function loadInto(dataDir: string): Promise<void> {
  const config = loadConfig({ LEDE_DATA_DIR: dataDir, PORT: '0', LEDE_PUBLIC_URL: 'http://news.example.test' });
  const store = await openStore({ url: config.databaseUrl });
  try {
    await store.migrate();
    // Renditions are made at their first request instead (test/http/media-renditions.test.ts covers both ways).
    const services = createServices({ config, store, clock: systemClock, logger: pino({ level: 'silent' }), shouldMakeRenditions: false });
    const result = await services.loadDemo();
    if (result.failed.length > 0) throw new Error(`demo files failed to load: ${JSON.stringify(result.failed)}`);
  } finally {
    // Closing the last connection checkpoints the WAL into lede.db, so the folder copies whole.
    await store.close();
  }
}

async function waitFor(target: string): Promise<string> {
  const deadline = Date.now() + waitMs;
  while (!existsSync(target)) {
    if (Date.now() > deadline) throw new Error(`gave up after ${waitMs} ms waiting for another test process to make ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return target;
}

let processCache: Promise<string> | undefined;

function processCacheDir(): Promise<string> {
  processCache ??= mkdtemp(join(tmpdir(), 'lede-test-cache-')).then((dir) => {
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  });
  return processCache;
}

/** Copies the loaded demo (database and media) into `dataDir`, an existing empty folder. */
export async function copyDemoInto(dataDir: string): Promise<void> {
  await cp(await demoDataDir(), dataDir, { recursive: true });
}
