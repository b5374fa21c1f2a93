/**
 * `npm run bench:newsroom`: latency of the newsroom's wire queue and story list (issue 11,
 * "Speed": p99 under 100 ms with 100,000 stories and 10,000 queued wire items, on both engines)
 * and publish-to-site freshness (under 2 s). Per engine: seeds a database (bench/newsroom-seed.ts),
 * starts a real `lede serve`, signs in through the admin API, loads each list request with
 * autocannon on 127.0.0.1 for a bounded time, then publishes stories through the API and polls the
 * home page and the article until each shows the story.
 *
 * Options: --engines sqlite,postgres --stories 100000 --wire 10000 --connections 4 --duration 5
 * (seconds per request) --publishes 5 --keep (keep the seeded databases, in
 * $TMPDIR/lede-bench-newsroom-ENGINE and the PostgreSQL schema bench_newsroom, and reuse them next time).
 * --in-process times the same queries through the store, without a server.
 * PostgreSQL: LEDE_TEST_DATABASE_URL or DATABASE_URL (the bench works in a schema of its own).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { timeDeskQueries } from './newsroom-desk.js';
import { editor, heldSources, seedNewsroom, vocabulary } from './newsroom-seed.js';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    stories: { type: 'string', default: '100000' },
    wire: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '4' },
    duration: { type: 'string', default: '5' },
    publishes: { type: 'string', default: '5' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
  },
});
const root = new URL('..', import.meta.url).pathname;
const api = '/newsroom/api/v1';
const log = (message: string) => process.stderr.write(`${message}\n`);
const postgresUrl = process.env.LEDE_TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Where an engine's data lives: kept across runs with --keep, else fresh and removed after. */
async function databaseFor(engine: string): Promise<{ url: string; searchPath?: string; dataDir: string; drop: () => Promise<void> }> {
  const dataDir = values.keep ? join(tmpdir(), `lede-bench-newsroom-${engine}`) : mkdtempSync(join(tmpdir(), 'lede-bench-nr-'));
  mkdirSync(dataDir, { recursive: true });
  const removeDir = async () => {
    if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  if (engine === 'sqlite') return { url: `sqlite:${join(dataDir, 'lede.db')}`, dataDir, drop: removeDir };
  if (!postgresUrl) throw new Error('--engines postgres needs LEDE_TEST_DATABASE_URL or DATABASE_URL');
  const schema = values.keep ? 'bench_newsroom' : `bench_newsroom_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    searchPath: schema,
    dataDir,
    drop: async () => {
      await removeDir();
      if (values.keep) return;
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** What autovacuum does on a live database: statistics for the planner after the bulk load. */
async function analyze(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`SET search_path = ${schema}`);
  await client.query('ANALYZE');
  await client.end();
}

async function startLede(url: string, dataDir: string): Promise<{ base: string; child: ChildProcess }> {
  const port = 4100 + Math.floor(Math.random() * 400);
  const child = spawn(process.execPath, [join(root, 'bin/lede.js'), 'serve'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      LEDE_DATA_DIR: dataDir,
      LEDE_LOG_LEVEL: 'warn',
      ...(url.startsWith('postgres') ? { DATABASE_URL: url } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // Generous: at start a process indexes every published story for "Read also" (minutes on a busy machine).
  for (let i = 0; i < 18_000; i++) {
    if (child.exitCode !== null) throw new Error(`lede serve exited with ${child.exitCode} before it was ready`);
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('lede serve did not become ready within 30 minutes');
}

/** Until the server has finished its start-up work (its CPU under a tenth of a core for 3 s), so the load measures requests alone. */
async function untilIdle(pid: number | undefined): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < 600; i++) {
    const before = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 3000));
    if (cpuSeconds(pid) - before < 0.3) break;
  }
  return (performance.now() - started) / 1000;
}

/** CPU seconds (user + system) of a process so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  cpuMs: number;
  items: number;
}

async function measure(name: string, url: string, headers: Record<string, string>, pid: number | undefined): Promise<Row> {
  const sample = await fetch(url, { headers });
  const body = (await sample.json()) as { items?: unknown[] };
  if (!sample.ok) throw new Error(`${name}: ${url} answered ${sample.status}: ${JSON.stringify(body)}`);
  await autocannon({ url, headers, connections: 2, duration: 1 });
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ url, headers, connections: Number(values.connections), duration: Number(values.duration) });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const row = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx + result.timeouts,
    cpuMs: (cpu * 1000) / Math.max(1, result.requests.total),
    items: body.items?.length ?? 0,
  };
  log(`  ${name}: p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.rps.toFixed(0)} req/s, ${row.items} items, ${row.errors} errors`);
  return row;
}

async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}${api}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: editor.email, password: editor.password }),
  });
  const body = (await response.json()) as { csrf_token: string };
  if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${JSON.stringify(body)}`);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrf_token };
}

/** Publishes a new story through the API; how long until the home page and the article show it. */
async function freshness(base: string, session: { cookie: string; csrf: string }, n: number) {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' };
  const headline = `Freshness probe ${n} ${Date.now().toString(36)}`;
  const created = await fetch(`${base}${api}/stories`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ headline, body_html: '<p>Published by the newsroom bench.</p>', section: 'world' }),
  });
  const draft = (await created.json()) as { id: string };
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(draft)}`);
  const started = performance.now();
  const published = await fetch(`${base}${api}/stories/${draft.id}/publish`, { method: 'POST', headers, body: '{}' });
  const story = (await published.json()) as { url?: string };
  if (!published.ok || !story.url) throw new Error(`publish answered ${published.status}: ${JSON.stringify(story)}`);
  const answeredMs = performance.now() - started;
  const path = new URL(story.url).pathname;
  let homeMs: number | undefined;
  let articleMs: number | undefined;
  while ((homeMs === undefined || articleMs === undefined) && performance.now() - started < 30_000) {
    if (homeMs === undefined && (await (await fetch(`${base}/`)).text()).includes(headline)) homeMs = performance.now() - started;
    if (articleMs === undefined) {
      const article = await fetch(`${base}${path}`);
      if (article.ok && (await article.text()).includes(headline)) articleMs = performance.now() - started;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { answeredMs, homeMs: homeMs ?? Number.POSITIVE_INFINITY, articleMs: articleMs ?? Number.POSITIVE_INFINITY };
}

/** A later page: the cursor of the 20th page of `path`. */
async function cursorOf(base: string, path: string, headers: Record<string, string>): Promise<string> {
  let cursor = '';
  for (let page = 0; page < 20; page++) {
    const answer = (await (await fetch(`${base}${api}/${path}${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as {
      next_cursor: string | null;
    };
    if (!answer.next_cursor) break;
    cursor = answer.next_cursor;
  }
  return cursor;
}

async function runEngine(engine: string) {
  const db = await databaseFor(engine);
  try {
    log(`${engine}: seeding ${values.stories} stories and ${values.wire} queued wire items (load average ${loads()})`);
    const seed = await seedNewsroom({
      url: db.url,
      searchPath: db.searchPath,
      stories: Number(values.stories),
      wire: Number(values.wire),
      log,
    });
    log(seed.seeded ? `  seeded in ${seed.seconds.toFixed(0)} s` : '  reusing the kept database');
    if (db.searchPath) await analyze(db.searchPath);
    if (values['in-process']) {
      const rows = await timeDeskQueries({ url: db.url, searchPath: db.searchPath, calls: 9 });
      console.log(`\n### ${engine}, in process (no HTTP), 9 calls each; load average ${loads()}\n`);
      console.log('| query (50 per page) | items | median ms | max ms |\n|---|---:|---:|---:|');
      for (const r of rows) console.log(`| ${r.name} | ${r.items} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} |`);
      return undefined;
    }
    const starting = performance.now();
    const lede = await startLede(db.url, db.dataDir);
    try {
      const readySeconds = (performance.now() - starting) / 1000;
      const idleSeconds = await untilIdle(lede.child.pid);
      log(`  lede serve ready after ${readySeconds.toFixed(0)} s, idle after ${idleSeconds.toFixed(0)} s more (load average ${loads()})`);
      const session = await signIn(lede.base);
      const headers = { cookie: session.cookie };
      const [common, middling, rare] = [vocabulary[2]!, vocabulary[300]!, vocabulary[5000]!];
      const requests: Array<[string, string]> = [
        ['stories, first page', 'stories?limit=50'],
        ['stories?state=draft', 'stories?state=draft'],
        ['stories?state=published', 'stories?state=published'],
        ['stories?state=review,scheduled', 'stories?state=review,scheduled'],
        ['stories, 20th page (cursor)', `stories?limit=50&cursor=${await cursorOf(lede.base, 'stories?limit=50', headers)}`],
        [`stories?q=${common} (common word)`, `stories?q=${common}`],
        [`stories?q=${middling} (middling word)`, `stories?q=${middling}`],
        [`stories?q=${rare} (rare word)`, `stories?q=${rare}`],
        [`stories?q=${common}+${middling} (two words)`, `stories?q=${common}+${middling}`],
        ['wire, first page (held)', 'wire'],
        [`wire?source=${heldSources[0]}`, `wire?source=${heldSources[0]}`],
        ['wire?status=spiked', 'wire?status=spiked'],
        ['wire?status=all', 'wire?status=all'],
        ['wire?urgency=1', 'wire?urgency=1'],
        ['wire?section=science', 'wire?section=science'],
        ['wire, 20th page (cursor)', `wire?limit=50&cursor=${await cursorOf(lede.base, 'wire?limit=50', headers)}`],
        [`wire?q=${common} (common word)`, `wire?q=${common}`],
        [`wire?q=${rare} (rare word)`, `wire?q=${rare}`],
      ];
      const only = values.only ? new RegExp(values.only) : undefined;
      const rows: Row[] = [];
      for (const [name, path] of requests) {
        if (only && !only.test(name)) continue;
        rows.push(await measure(name, `${lede.base}${api}/${path}`, headers, lede.child.pid));
      }
      const probes = [];
      for (let n = 0; n < Number(values.publishes); n++) probes.push(await freshness(lede.base, session, n));
      return { engine, seed, rows, probes, load: loads(), readySeconds, idleSeconds };
    } finally {
      lede.child.kill('SIGTERM');
      await new Promise((r) => lede.child.once('exit', r));
    }
  } finally {
    await db.drop();
  }
}

const results = [];
for (const engine of values.engines.split(',')) {
  const result = await runEngine(engine);
  if (result) results.push(result);
}
if (results.length === 0) process.exit(0);

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : 'never');
console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${values.stories} stories + ${values.wire} queued wire items; ` +
    `${values.connections} connections, ${values.duration} s per request after a 1 s warm-up`,
);
for (const { engine, seed, rows, probes, load, readySeconds, idleSeconds } of results) {
  console.log(
    `\n### ${engine}${seed.seeded ? ` (seeded in ${seed.seconds.toFixed(0)} s)` : ''}; lede serve ready after ${readySeconds.toFixed(0)} s, ` +
      `idle ${idleSeconds.toFixed(0)} s later; load average after the run: ${load}\n`,
  );
  console.log('| request | items | p50 ms | p99 ms | max ms | requests/s | server CPU ms/request | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.items} | ${r.p50} | ${r.p99} | ${r.max} | ${r.rps.toFixed(0)} | ${r.cpuMs.toFixed(2)} | ${r.errors} |`);
  }
  const worst = (key: 'homeMs' | 'articleMs' | 'answeredMs') => Math.max(...probes.map((p) => p[key]));
  console.log(
    `\npublish → site (${probes.length} stories): publish answered in ≤ ${ms(worst('answeredMs'))} ms; ` +
      `on the home page after ${probes.map((p) => ms(p.homeMs)).join(', ')} ms; article page after ${probes.map((p) => ms(p.articleMs)).join(', ')} ms`,
  );
}
