/**
 * `npm run bench:ingest`: items/s of (a) parse only (detect + parse + sanitise), (b) parse +
 * store through the real pipeline on one thread, batches of 100 items per transaction, and (c)
 * parse + store as `lede ingest FOLDER` does it (ingest/bulk.ts: files read and parsed in worker
 * threads while the main thread stores), into SQLite, and into PostgreSQL when
 * LEDE_TEST_DATABASE_URL or DATABASE_URL is set. The target (issue "Wire ingest") is ≥ 2,000
 * items/s for (c) on SQLite. The corpus is ≥ 20,000
 * NewsML-G2 and NITF files generated from Reuters-21578 in a temp folder outside the
 * repository, deleted afterwards. Baselines in the same run: the bare XML parser on the same
 * bytes (the ceiling of (a)) and bare batched INSERTs of the same items (the ceiling of (b)).
 * Options: --files N (fewer files, for a quick look), --keep (leave the corpus folder), --only
 * a,b,c (rows to run; baselines only with `all`), --engines sqlite,postgres, --dataset DIR (from a
 * worktree elsewhere).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SaxesParser } from 'saxes';
import { systemClock } from '../src/core/clock.js';
import type { Ninjs } from '../src/core/ninjs.js';
import { ingestFiles } from '../src/ingest/bulk.js';
import { detectFormat, parseWireFile } from '../src/ingest/detect.js';
import { formats } from '../src/ingest/formats/registry.js';
import { createMediaLibrary } from '../src/ingest/media.js';
import { defaultParseWorkers } from '../src/ingest/parse-pool.js';
import { createIngestPipeline, type IngestPipeline, type ItemResult } from '../src/ingest/pipeline.js';
import { openStore } from '../src/store/open.js';
import { readReuters, writeCorpus } from './ingest-corpus.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string' },
    // The Reuters-21578 folder (default: shared/datasets beside the checkout).
    dataset: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Which rows to run, e.g. `--only c` or `--only b,c`; baselines and (a) run only when asked with `--only all` (the default).
    only: { type: 'string', default: 'all' },
    // `sqlite`, `postgres` or both (default): the engines of rows (b) and (c).
    engines: { type: 'string', default: 'sqlite,postgres' },
  },
});
const only = new Set(values.only.split(','));
const runs = (row: string) => only.has('all') || only.has(row);
const engines = new Set(values.engines.split(','));
const root = new URL('..', import.meta.url).pathname;
const datasetDir = values.dataset ?? join(root, '../shared/datasets/reuters21578');
const batchSize = 100;
const postgresUrl = process.env.LEDE_TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

interface Row {
  name: string;
  items: number;
  seconds: number;
  /** CPU seconds of this process (all threads) and of the run's PostgreSQL backends, when measured. */
  cpu?: { node: number; postgres: number };
}
const rows: Row[] = [];
const rate = (r: Row) => Math.round(r.items / r.seconds);
const seconds = (started: number) => (performance.now() - started) / 1000;
const log = (message: string) => process.stderr.write(`${message}\n`);

/** Jiffies per second of /proc/PID/stat (USER_HZ: 100 on Linux). */
const clockTicks = 100;

/**
 * CPU seconds used so far by the PostgreSQL backends connected to the run's database (the
 * server is on this machine: /proc). On a machine shared with other work, CPU per item says
 * more than items/s, which depends on how much of the cores the run was given.
 */
async function postgresCpu(): Promise<number> {
  if (!postgresUrl) return 0;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // gone meanwhile, or not on this machine
      }
    }
    return ticks / clockTicks;
  } finally {
    await client.end();
  }
}

/** What `run` reports when it measured the CPU of its own part (PostgreSQL backends die with its pool). */
let lastPostgresCpu = 0;

async function measure(name: string, run: () => Promise<number> | number): Promise<void> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  lastPostgresCpu = 0;
  const at = rows.length;
  const items = await run();
  const used = process.cpuUsage(cpuBefore);
  const row: Row = { name, items, seconds: seconds(started), cpu: { node: (used.user + used.system) / 1e6, postgres: lastPostgresCpu } };
  rows.splice(at, 0, row);
  log(
    `${name}: ${items} items in ${row.seconds.toFixed(2)} s = ${rate(row)} items/s; CPU ${row.cpu!.node.toFixed(1)} s node + ${row.cpu!.postgres.toFixed(1)} s PostgreSQL`,
  );
}

function batches<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

/** A fresh store with the real pipeline over it, for one measured run; closed and removed after. */
async function withPipeline<T>(url: string, searchPath: string | undefined, run: (pipeline: IngestPipeline) => Promise<T>): Promise<T> {
  const mediaDir = mkdtempSync(join(tmpdir(), 'lede-bench-media-'));
  const store = await openStore({ url, searchPath });
  try {
    await store.migrate();
    const media = createMediaLibrary({ media: store.media, mediaDir });
    return await run(createIngestPipeline({ store, clock: systemClock, media }));
  } finally {
    await store.close();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

const changed = (results: ItemResult[]) => results.filter((r) => r.outcome !== 'ignored').length;

/**
 * (b): parse each batch of files and store its items in one pipeline transaction. The time
 * spent in `ingestItems` alone is recorded too, as its own row, to show where (b) goes.
 */
function parseAndStore(engine: string, url: string, corpus: Array<{ name: string; bytes: Buffer }>, searchPath?: string) {
  return withPipeline(url, searchPath, async (pipeline) => {
    let stored = 0;
    let storeMs = 0;
    let storeCpu = 0;
    const isPostgres = !url.startsWith('sqlite:');
    const postgresBefore = isPostgres ? await postgresCpu() : 0;
    for (const batch of batches(corpus, batchSize)) {
      const items = batch.flatMap((f) => parseWireFile(f.bytes, { filename: f.name }));
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      stored += changed(await pipeline.ingestItems(items, { source: 'reuters' }));
      const used = process.cpuUsage(cpuBefore);
      storeCpu += (used.user + used.system) / 1e6;
      storeMs += performance.now() - started;
    }
    // Only the store talks to PostgreSQL: the backends' CPU of the whole run is the store's.
    if (isPostgres) lastPostgresCpu = (await postgresCpu()) - postgresBefore;
    rows.push({
      name: `(b) of which store only, ${engine}: time inside pipeline.ingestItems`,
      items: stored,
      seconds: storeMs / 1000,
      cpu: { node: storeCpu, postgres: lastPostgresCpu },
    });
    return stored;
  });
}

/**
 * (c): what `lede ingest FOLDER` does (ingest/bulk.ts `ingestFiles`): files read from disk and
 * parsed in worker threads while the main thread stores, about 100 items per transaction.
 */
function bulkIngest(url: string, files: string[], searchPath?: string) {
  return withPipeline(url, searchPath, async (pipeline) => {
    let stored = 0;
    const isPostgres = !url.startsWith('sqlite:');
    const postgresBefore = isPostgres ? await postgresCpu() : 0;
    await ingestFiles(pipeline, files, {
      source: 'reuters',
      onFile: (outcome) => {
        if ('error' in outcome) throw outcome.error;
        stored += changed(outcome.results);
      },
    });
    if (isPostgres) lastPostgresCpu = (await postgresCpu()) - postgresBefore;
    return stored;
  });
}

/** Ceiling of (b) on SQLite: the same items as JSON rows, 100 per transaction, no rules. */
function bareSqlite(items: Ninjs[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-bare-'));
  const db = new Database(join(dir, 'bare.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE items (uri TEXT PRIMARY KEY, json TEXT NOT NULL)');
    const insert = db.prepare('INSERT OR REPLACE INTO items (uri, json) VALUES (?, ?)');
    const write = db.transaction((batch: Ninjs[]) => {
      for (const item of batch) insert.run(item.uri, JSON.stringify(item));
    });
    for (const batch of batches(items, batchSize)) write(batch);
    return items.length;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ceiling of (b) on PostgreSQL: one multi-row INSERT of 100 JSON rows per transaction. */
async function barePostgres(client: pg.Client, schema: string, items: Ninjs[]): Promise<number> {
  await client.query(`CREATE TABLE ${schema}.bare_items (uri text PRIMARY KEY, json jsonb NOT NULL)`);
  for (const batch of batches(items, batchSize)) {
    const params = batch.flatMap((item) => [item.uri, JSON.stringify(item)]);
    const tuples = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO ${schema}.bare_items (uri, json) VALUES ${tuples} ON CONFLICT (uri) DO UPDATE SET json = EXCLUDED.json`,
      params,
    );
    await client.query('COMMIT');
  }
  return items.length;
}

log(`reading Reuters-21578 from ${datasetDir}`);
const stories = await readReuters(datasetDir);
const limit = values.files ? Number(values.files) : stories.length;
const corpusDir = mkdtempSync(join(tmpdir(), 'lede-bench-ingest-'));
const written = await writeCorpus(stories.slice(0, limit), corpusDir);
log(`corpus: ${written.files.length} files (${written.newsmlG2} NewsML-G2, ${written.nitf} NITF) in ${corpusDir}`);
const corpus = written.files.map((file) => ({ name: file, bytes: readFileSync(file) }));
const megabytes = corpus.reduce((n, f) => n + f.bytes.length, 0) / 1e6;

try {
  const byFormat = new Map<string, number>();
  for (const f of corpus) {
    const name = detectFormat(f.bytes, f.name).name;
    byFormat.set(name, (byFormat.get(name) ?? 0) + 1);
  }
  log(
    `registered formats: ${formats.map((f) => f.name).join(', ')}; corpus detected as ${[...byFormat].map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );

  // Warm-up, so that the JIT has settled before anything is timed.
  for (const f of corpus.slice(0, 1000)) parseWireFile(f.bytes, { filename: f.name });

  if (runs('all')) {
    await measure('baseline: saxes alone, the XML parser (no tree, no mapping, no sanitising)', () => {
      for (const f of corpus) new SaxesParser().write(f.bytes.toString('utf8')).close();
      return corpus.length;
    });
  }
  let parsed: Ninjs[] = [];
  if (runs('a') || runs('all')) {
    await measure('(a) parse only: detect + parse + sanitise', () => {
      parsed = corpus.flatMap((f) => parseWireFile(f.bytes, { filename: f.name }));
      return parsed.length;
    });
  }

  const sqliteDir = mkdtempSync(join(tmpdir(), 'lede-bench-sqlite-'));
  try {
    if (engines.has('sqlite')) {
      if (runs('all')) await measure('baseline: bare SQLite INSERTs of the items, 100 per transaction', () => bareSqlite(parsed));
      if (runs('b')) {
        await measure('(b) parse + store, SQLite, pipeline.ingestItems per 100 items', () =>
          parseAndStore('SQLite', `sqlite:${join(sqliteDir, 'lede.db')}`, corpus),
        );
      }
      if (runs('c')) {
        await measure(`(c) parse + store, SQLite, as lede ingest does: ${defaultParseWorkers()} parse worker(s) beside the store`, () =>
          bulkIngest(`sqlite:${join(sqliteDir, 'bulk.db')}`, written.files),
        );
      }
    }
  } finally {
    rmSync(sqliteDir, { recursive: true, force: true });
  }

  if (postgresUrl && engines.has('postgres')) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      if (runs('all')) {
        await measure('baseline: bare PostgreSQL INSERTs of the items, 100 per transaction', () => barePostgres(client, schema, parsed));
      }
      if (runs('b')) {
        await measure('(b) parse + store, PostgreSQL, pipeline.ingestItems per 100 items', () =>
          parseAndStore('PostgreSQL', postgresUrl, corpus, schema),
        );
        await client.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      }
      if (runs('c')) {
        await measure(`(c) parse + store, PostgreSQL, as lede ingest does: ${defaultParseWorkers()} parse worker(s) beside the store`, () =>
          bulkIngest(postgresUrl, written.files, schema),
        );
      }
    } finally {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    }
  } else if (engines.has('postgres')) log('PostgreSQL: skipped (set LEDE_TEST_DATABASE_URL or DATABASE_URL)');
} finally {
  if (!values.keep) rmSync(corpusDir, { recursive: true, force: true });
}

const cpu = cpus();
console.log(`\nmachine: ${cpu.length} cores (nproc), ${cpu[0]?.model ?? 'unknown cpu'}; node ${process.version}`);
console.log(`corpus: ${corpus.length} files, ${megabytes.toFixed(1)} MB (${written.newsmlG2} NewsML-G2, ${written.nitf} NITF)\n`);
// CPU per item: node (main thread and parse workers) and, for (c) on PostgreSQL, its backends;
// the last column is what that CPU allows on the machine's cores if nothing else ran on them.
console.log('| measurement | items | seconds | items/s | CPU ms/item (node + PostgreSQL) | CPU-bound items/s on idle cores |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const perItem = r.cpu ? ((r.cpu.node + r.cpu.postgres) * 1000) / r.items : undefined;
  const cpuText =
    r.cpu && perItem !== undefined
      ? `${perItem.toFixed(3)} (${((r.cpu.node * 1000) / r.items).toFixed(3)} + ${((r.cpu.postgres * 1000) / r.items).toFixed(3)})`
      : '–';
  const bound = perItem ? String(Math.round((cpus().length * 1000) / perItem)) : '–';
  console.log(`| ${r.name} | ${r.items} | ${r.seconds.toFixed(2)} | ${rate(r)} | ${cpuText} | ${bound} |`);
}
const target = rows.find((r) => r.name.startsWith('(c) parse + store, SQLite'));
if (target) console.log(`\ntarget ≥ 2500 items/s for (c) on SQLite: ${rate(target) >= 2500 ? 'met' : 'NOT met'} (${rate(target)})`);
const pgTarget = rows.find((r) => r.name.startsWith('(c) parse + store, PostgreSQL'));
if (pgTarget) console.log(`target ≥ 2000 items/s for (c) on PostgreSQL: ${rate(pgTarget) >= 2000 ? 'met' : 'NOT met'} (${rate(pgTarget)})`);
