/**
 * `npm run bench:recommend`: (1) "Read also" in process over 100,000 stored stories
 * (bench/recommend-related.ts, with its baselines), (2) "Recommended for you" in process,
 * ranking over 100,000 indexed articles with a 50-item history (p50/p99 per request, CPU time
 * per request), and (3) over HTTP,
 * `/fragments/for-you` with a 50-story history from a real `lede serve` pinned to core 0
 * (`taskset -c 0`), against a bare node:http server on the same core sending an article
 * page's bytes (the ceiling), in the same run; the load generator runs on core 1.
 * Options: --articles 100000 --requests 3000 --connections 50 --duration 4 --rounds 2
 * --related-queries 2000 --naive 2 (naive full scans, the slow baseline of "Read also").
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { SanitizedHtml, Story } from '../src/core/story.js';
import { createForYouRanker, type ReaderSignals } from '../src/recommend/for-you.js';
import { createContentIndex } from '../src/recommend/story-index.js';
import { benchRelated } from './recommend-related.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    'related-queries': { type: 'string', default: '2000' },
    naive: { type: 'string', default: '2' },
  },
});
const articles = Number(values.articles);
const root = new URL('..', import.meta.url).pathname;
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
// The load generator (this process) on core 1, the servers on core 0.
if (hasTaskset) spawnSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

async function inProcess() {
  const sections = ['world', 'politics', 'business', 'science', 'culture', 'sport'];
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`);
  const word = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)] as string;
  const now = Date.parse('2026-01-10T12:00:00Z');
  const stories: Story[] = Array.from({ length: articles }, (_, i) => {
    const at = new Date(now - i * 60_000).toISOString();
    const body = Array.from({ length: 60 }, word).join(' ');
    return {
      id: `s${i}`,
      sourceId: 'bench',
      uri: `urn:bench:${i}`,
      state: 'published',
      pubstatus: 'usable',
      headline: Array.from({ length: 8 }, word).join(' '),
      standfirst: Array.from({ length: 20 }, word).join(' '),
      bodyHtml: `<p>${body}</p>` as SanitizedHtml,
      language: 'en',
      firstcreated: at,
      versioncreated: at,
      publishedAt: at,
      section: sections[i % sections.length],
      tags: [word(), word()],
      authorSlugs: [],
      corrections: [],
      slug: `s${i}`,
      contentHash: `h${i}`,
      ninjs: { uri: `urn:bench:${i}`, pubstatus: 'usable' },
    } as Story;
  });
  const started = performance.now();
  const index = createContentIndex();
  await index.load(stories);
  stories.length = 0;
  const loadMs = performance.now() - started;
  // Measure the steady state, not the collection of what loading left behind.
  (globalThis as { gc?: () => void }).gc?.();
  const trending = new Map<string, number>();
  for (let i = 0; i < 2000; i++) trending.set(`s${Math.floor(random() * 5000)}`, random() * 100);
  const coVisits = new Map<string, Map<string, number>>();
  for (let i = 0; i < 20_000; i++) {
    const from = `s${Math.floor(random() * 5000)}`;
    const next = coVisits.get(from) ?? new Map<string, number>();
    next.set(`s${Math.floor(random() * 5000)}`, 1 + Math.floor(random() * 5));
    coVisits.set(from, next);
  }
  const signals: ReaderSignals = {
    trending,
    trendingOrder: [...trending.keys()].sort((a, b) => (trending.get(b) ?? 0) - (trending.get(a) ?? 0)),
    coVisits,
  };
  const rankForYou = createForYouRanker(index);
  const times: number[] = [];
  let cpuMicros = 0;
  // A same-run reference for the machine's own jitter: sorting 2,000 numbers, interleaved.
  const referenceTimes: number[] = [];
  const numbers = Array.from({ length: 2000 }, () => random());
  const requests = Number(values.requests);
  // Histories made up front, so the loop measures (and allocates for) the ranking only.
  const histories = Array.from({ length: requests + 200 }, () =>
    Array.from({ length: 50 }, () => `s${Math.floor(random() ** 3 * articles)}`),
  );
  for (let r = 0; r < requests + 200; r++) {
    const history = histories[r] as string[];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const picked = rankForYou({ signals, history, now: new Date(now), limit: 6 });
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    if (picked.length !== 6) throw new Error('expected six recommendations');
    const t2 = performance.now();
    numbers.slice().sort((a, b) => a - b);
    const t3 = performance.now();
    if (r >= 200) {
      times.push(t1 - t0);
      cpuMicros += cpu.user + cpu.system;
      referenceTimes.push(t3 - t2);
    }
  }
  return {
    loadMs,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: Math.max(...times),
    cpuMs: cpuMicros / 1000 / requests,
    requests,
    reference: { p50: percentile(referenceTimes, 0.5), p99: percentile(referenceTimes, 0.99), max: Math.max(...referenceTimes) },
  };
}

function pinned(args: string[], env: Record<string, string>, stdio: 'inherit' | 'pipe'): ChildProcess {
  const [cmd, argv] = hasTaskset ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args];
  return spawn(cmd as string, argv as string[], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', stdio, 'inherit'] });
}

async function startLede(): Promise<{ base: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lede-bench-rec-'));
  const port = 3950 + Math.floor(Math.random() * 40);
  const child = pinned(
    [join(root, 'bin/lede.js'), 'serve'],
    { PORT: String(port), LEDE_DATA_DIR: dataDir, LEDE_DEMO: '1', LEDE_LOG_LEVEL: 'warn' },
    'inherit',
  );
  const base = `http://127.0.0.1:${port}`;
  // Generous: on a shared machine the pinned core may be busy with others' work.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child, dataDir };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  rmSync(dataDir, { recursive: true, force: true });
  throw new Error('lede serve did not become ready within 180 s');
}

async function ceilingFor(url: string): Promise<{ url: string; pid: number | undefined; close: () => void; bytes: number }> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'lede-ceiling-'));
  writeFileSync(join(dir, 'body'), body);
  const headers = { 'content-type': response.headers.get('content-type') ?? 'text/html' };
  const script = `const http = require('node:http'); const fs = require('node:fs');
    const body = fs.readFileSync(${JSON.stringify(join(dir, 'body'))}); const headers = ${JSON.stringify(headers)};
    const server = http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
  const child = pinned(['-e', script], {}, 'pipe');
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (d) => resolve(String(d).trim())));
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    bytes: body.length,
    close: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Load on `url`; `pid`: the server's, whose CPU time per request is measured (rates are noisy on a shared machine, CPU time less so). */
async function load(url: string, pid: number | undefined, headers: Record<string, string> = {}) {
  const connections = Number(values.connections);
  await autocannon({ url, connections: 10, duration: 1, headers });
  const cpu0 = cpuMsOf(pid);
  const result = await autocannon({ url, connections, duration: Number(values.duration), headers });
  const cpuMs = (cpuMsOf(pid) - cpu0) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuMs };
}

const machine = () =>
  `machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
console.log(`${machine()}\n\nRead also, in process:`);
benchRelated({ storyCount: articles, queryCount: Number(values['related-queries']), naiveCount: Number(values.naive) });
(globalThis as { gc?: () => void }).gc?.();
const local = await inProcess();
console.log(`\n${machine()}${hasTaskset ? '' : ' (no taskset: not pinned)'}\n`);
console.log(
  `in process: ${articles} articles indexed in ${(local.loadMs / 1000).toFixed(1)} s; ${local.requests} requests, 50-item history, 6 picks`,
);
console.log('| in process | p50 ms | p99 ms | max ms | CPU ms/request |\n|---|---:|---:|---:|---:|');
console.log(
  `| rankForYou (${articles} indexed, 50-item history) | ${local.p50.toFixed(3)} | ${local.p99.toFixed(3)} | ${local.max.toFixed(3)} | ${local.cpuMs.toFixed(3)} |`,
);
console.log(
  `| reference: sort 2,000 numbers, interleaved | ${local.reference.p50.toFixed(3)} | ${local.reference.p99.toFixed(3)} | ${local.reference.max.toFixed(3)} | |\n`,
);

const lede = await startLede();
try {
  const home = await (await fetch(`${lede.base}/`)).text();
  const paths = [...new Set([...home.matchAll(/href="(\/[a-z-]+\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/g)].map((m) => m[1] as string))];
  const ids: string[] = [];
  for (const path of paths) {
    const page = await (await fetch(`${lede.base}${path}`)).text();
    const id = page.match(/data-story-id="([^"]+)"/)?.[1];
    if (id) ids.push(id);
  }
  // Section pages hold the rest of the demo set.
  for (const section of ['world', 'politics', 'business', 'science', 'culture', 'sport']) {
    const page = await (await fetch(`${lede.base}/${section}/`)).text();
    for (const m of page.matchAll(/href="(\/[a-z-]+\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/g)) {
      if (ids.length >= 50 || paths.includes(m[1] as string)) continue;
      paths.push(m[1] as string);
      const id = (await (await fetch(`${lede.base}${m[1]}`)).text()).match(/data-story-id="([^"]+)"/)?.[1];
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  const history = ids.slice(0, 50);
  const cookie = `lede_h=${history.map(encodeURIComponent).join(',')}`;
  const fragment = `${lede.base}/fragments/for-you`;
  const check = await fetch(fragment, { headers: { cookie } });
  const sample = await check.text();
  if (!check.ok || !sample.includes('data-slot="for-you"')) throw new Error(`fragment did not answer a list: ${check.status}`);
  const ceiling = await ceilingFor(`${lede.base}${paths[0]}`);
  const ceilingRuns = [];
  const ledeRuns = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    ceilingRuns.push(await load(ceiling.url, ceiling.pid));
    ledeRuns.push(await load(fragment, lede.child.pid, { cookie }));
  }
  ceiling.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const summary = (runs: Array<{ rps: number; p50: number; p99: number; errors: number; cpuMs: number }>) => ({
    rps: median(runs.map((r) => r.rps)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  });
  const [c, l] = [summary(ceilingRuns), summary(ledeRuns)];
  console.log(
    `HTTP: ${values.connections} connections, ${values.duration} s, median of ${values.rounds} interleaved rounds; history of ${history.length} stories`,
  );
  console.log('| endpoint | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | ratio to ceiling |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| bare node:http, article bytes (${ceiling.bytes} B) | ${c.rps.toFixed(0)} | ${c.p50} | ${c.p99} | ${c.errors} | ${c.cpuMs.toFixed(3)} | 1.00 |`,
  );
  console.log(
    `| /fragments/for-you (${Buffer.byteLength(sample)} B) | ${l.rps.toFixed(0)} | ${l.p50} | ${l.p99} | ${l.errors} | ${l.cpuMs.toFixed(3)} | ${(l.rps / c.rps).toFixed(3)} |`,
  );
  console.log(`CPU ratio (ceiling CPU ms per request / fragment's): ${(c.cpuMs / l.cpuMs).toFixed(3)}`);
} finally {
  lede.child.kill('SIGTERM');
  rmSync(lede.dataDir, { recursive: true, force: true });
}
