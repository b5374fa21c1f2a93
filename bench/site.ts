/**
 * `npm run bench:site`: requests/s and latency of the cached home and article pages of a real
 * `lede serve`, against a bare node:http server answering a prebuilt buffer of the same bytes
 * (the ceiling), in the same run. Options: --connections 50 --duration 10 (seconds) --rounds 3
 * --encoding br (what the load asks for in Accept-Encoding: `br`, `gzip` or `identity`; both
 * sides then send the same compressed bytes).
 *
 * `--misses`: the cache-miss render rate instead. lede starts with the bench-only
 * `LEDE_BENCH_PAGE_CACHE_OFF=1`, so every request renders (article, home, section, search, RSS
 * feed), each against the ceiling of the article's bytes; the server's CPU milliseconds per
 * request (from /proc, so less sensitive to other load) are reported too. `--pin` runs the
 * servers on core 0 (`taskset -c 0`) and this process, the load, on core 1. `--profile DIR`
 * writes lede's `--cpu-prof` profile there; `--requests N` makes each run N requests instead of
 * a duration. Quiet-machine command:
 * `npm run bench:site -- --misses --pin`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    encoding: { type: 'string', default: 'br' },
    misses: { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    profile: { type: 'string' },
    requests: { type: 'string' },
  },
});
const requestHeaders: Record<string, string> = values.encoding === 'identity' ? {} : { 'accept-encoding': String(values.encoding) };
const connections = Number(values.connections);
const duration = Number(values.duration);
const rounds = Number(values.rounds);
/** A fixed number of requests per run instead of a duration (a slow miss on a loaded machine still completes). */
const amount = values.requests === undefined ? undefined : Number(values.requests);
const root = new URL('..', import.meta.url).pathname;
// Servers on core 0, the load generator (this process) on core 1.
if (values.pin) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
/** Starts a server process, pinned to core 0 with --pin. */
const spawnServer = (args: string[], options: Parameters<typeof spawn>[2]) =>
  values.pin ? spawn('taskset', ['-c', '0', process.execPath, ...args], options) : spawn(process.execPath, args, options);

/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux). */
function cpuMsOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function startLede(): Promise<{ base: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  const port = 3900 + Math.floor(Math.random() * 50);
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
  const child = spawnServer([...profile, join(root, 'bin/lede.js'), 'serve'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      LEDE_DATA_DIR: dataDir,
      LEDE_DEMO: '1',
      LEDE_LOG_LEVEL: 'warn',
      ...(values.misses ? { LEDE_BENCH_PAGE_CACHE_OFF: '1' } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  for (let i = 0; i < 3000; i++) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      // Samples after this point of a --profile are the load's, not the demo's loading.
      if (values.profile) console.log(`lede ready ${Date.now() - spawnedAt} ms after it was started`);
      return { base, child, dataDir };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('lede serve did not become ready within 5 minutes');
}

/**
 * The ceiling: a bare node:http server in its own process (like lede), answering a prebuilt
 * buffer of the same bytes and headers, so the load generator never shares its event loop.
 */
async function ceilingFor(url: string): Promise<{ url: string; pid: number | undefined; close: () => void }> {
  // The bytes as sent (fetch would decode them): the same encoding on both sides.
  const response = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(url, { headers: requestHeaders }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
  const body = response.body;
  const headers: Record<string, string> = {};
  for (const name of [
    'content-type',
    'content-encoding',
    'vary',
    'cache-control',
    'etag',
    'last-modified',
    'surrogate-key',
    'cache-status',
  ]) {
    const value = response.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lede-ceiling-'));
  writeFileSync(join(dir, 'body'), body);
  const script = `const http = require('node:http'); const fs = require('node:fs');
    const body = fs.readFileSync(${JSON.stringify(join(dir, 'body'))}); const headers = ${JSON.stringify(headers)};
    const server = http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
  const child = spawnServer(['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (d) => resolve(String(d).trim())));
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    close: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server's CPU milliseconds per answered request. */
  cpuMs: number;
}

async function load(name: string, url: string, pid: number | undefined): Promise<Row> {
  // Warm-up, so the page cache holds the page and the JIT has settled.
  await autocannon({ url, connections: 10, headers: requestHeaders, ...(amount ? { amount: Math.ceil(amount / 10) } : { duration: 2 }) });
  const cpuBefore = cpuMsOf(pid);
  const result = await autocannon({ url, connections, duration, headers: requestHeaders, ...(amount ? { amount } : {}) });
  const cpuMs = (cpuMsOf(pid) - cpuBefore) / Math.max(1, result.requests.total);
  const errors = result.errors + result.non2xx;
  // Requests over the run's own elapsed time: with --requests a run can end within a second.
  return { name, rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, errors, cpuMs };
}

const lede = await startLede();
try {
  const home = `${lede.base}/`;
  const html = await (await fetch(home)).text();
  const articlePath = html.match(/href="(\/[a-z-]+\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/)?.[1];
  if (!articlePath) throw new Error('no article link found on the home page');
  const article = `${lede.base}${articlePath}`;
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const summarise = (name: string, runs: Row[]): Row => ({
    name,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    cpuMs: median(runs.map((r) => r.cpuMs)),
  });
  const section = `${lede.base}${articlePath.slice(0, articlePath.indexOf('/', 1) + 1)}`;
  // Each group: a ceiling serving one page's bytes, and the lede pages measured against it.
  const groups: Array<{ bytesOf: string; pages: Array<[string, string]> }> = values.misses
    ? [
        {
          bytesOf: article,
          pages: [
            ['article', article],
            ['home', home],
            ['section', section],
            ['search', `${lede.base}/search?q=inflation`],
            ['RSS feed', `${lede.base}/feed.xml`],
          ],
        },
      ]
    : [
        { bytesOf: home, pages: [['home', home]] },
        { bytesOf: article, pages: [['article', article]] },
      ];
  const kind = values.misses ? 'miss' : 'cached';
  const loadBefore = loadavg();
  const table: string[] = [];
  for (const group of groups) {
    const ceiling = await ceilingFor(group.bytesOf);
    const ceilingRuns: Row[] = [];
    const ledeRuns = group.pages.map((): Row[] => []);
    // Interleaved rounds, medians reported: background load hits both sides alike.
    for (let round = 0; round < rounds; round++) {
      ceilingRuns.push(await load('ceiling', ceiling.url, ceiling.pid));
      for (const [i, [name, url]] of group.pages.entries()) ledeRuns[i]!.push(await load(name, url, lede.child.pid));
    }
    ceiling.close();
    const top = summarise('', ceilingRuns);
    const line = (name: string, row: Row) =>
      `| ${name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.cpuMs.toFixed(3)} | ${(row.rps / top.rps).toFixed(3)} |`;
    table.push(line(`bare buffer (${group.pages.length === 1 ? group.pages[0]![0] : 'article'} bytes)`, top));
    for (const [i, [name]] of group.pages.entries()) table.push(line(`${name} (lede, ${kind})`, summarise(name, ledeRuns[i]!)));
  }
  const load1 = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${connections} connections, ${amount ? `${amount} requests` : `${duration} s`} each, median of ${rounds} interleaved rounds; Accept-Encoding: ${values.encoding}; ${values.pin ? 'server on core 0, load on core 1' : 'not pinned'}; load average ${load1(loadBefore)} before, ${load1(loadavg())} after\n`,
  );
  console.log('| page | requests/s | p50 ms | p99 ms | errors | server CPU ms per request | ratio to ceiling |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of table) console.log(row);
  console.log(`\narticle: ${articlePath}`);
} finally {
  lede.child.kill('SIGTERM');
  rmSync(lede.dataDir, { recursive: true, force: true });
}
