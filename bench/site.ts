/**
 * `npm run bench:site`: requests/s and latency of the cached home and article pages of a real
 * `lede serve`, against a bare node:http server answering a prebuilt buffer of the same bytes
 * (the ceiling), in the same run. Options: --connections 50 --duration 10 (seconds) --rounds 3
 * --encoding br (what the load asks for in Accept-Encoding: `br`, `gzip` or `identity`; both
 * sides then send the same compressed bytes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    encoding: { type: 'string', default: 'br' },
  },
});
const requestHeaders: Record<string, string> = values.encoding === 'identity' ? {} : { 'accept-encoding': String(values.encoding) };
const connections = Number(values.connections);
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const root = new URL('..', import.meta.url).pathname;

async function startLede(): Promise<{ base: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  const port = 3900 + Math.floor(Math.random() * 50);
  const child = spawn(process.execPath, [join(root, 'bin/lede.js'), 'serve'], {
    env: { PATH: process.env.PATH, PORT: String(port), LEDE_DATA_DIR: dataDir, LEDE_DEMO: '1', LEDE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, child, dataDir };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('lede serve did not become ready within 60 s');
}

/**
 * The ceiling: a bare node:http server in its own process (like lede), answering a prebuilt
 * buffer of the same bytes and headers, so the load generator never shares its event loop.
 */
async function ceilingFor(url: string): Promise<{ url: string; close: () => void }> {
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
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (d) => resolve(String(d).trim())));
  return {
    url: `http://127.0.0.1:${port}/`,
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
}

async function load(name: string, url: string): Promise<Row> {
  // Warm-up, so the page cache holds the page and the JIT has settled.
  await autocannon({ url, connections: 10, duration: 2, headers: requestHeaders });
  const result = await autocannon({ url, connections, duration, headers: requestHeaders });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
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
  });
  const rows: Row[] = [];
  for (const [name, url] of [
    ['home', home],
    ['article', article],
  ] as const) {
    const ceiling = await ceilingFor(url);
    const ceilingRuns: Row[] = [];
    const ledeRuns: Row[] = [];
    // Interleaved rounds, medians reported: background load hits both sides alike.
    for (let round = 0; round < rounds; round++) {
      ceilingRuns.push(await load(name, ceiling.url));
      ledeRuns.push(await load(name, url));
    }
    ceiling.close();
    rows.push(summarise(`${name} (bare buffer)`, ceilingRuns), summarise(`${name} (lede, cached)`, ledeRuns));
  }
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; ${connections} connections, ${duration} s each, median of ${rounds} interleaved rounds; Accept-Encoding: ${values.encoding}\n`,
  );
  console.log('| page | requests/s | p50 ms | p99 ms | errors | ratio to ceiling |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (let i = 0; i < rows.length; i += 2) {
    const [ceiling, ours] = [rows[i]!, rows[i + 1]!];
    console.log(`| ${ceiling.name} | ${ceiling.rps.toFixed(0)} | ${ceiling.p50} | ${ceiling.p99} | ${ceiling.errors} | 1.00 |`);
    console.log(
      `| ${ours.name} | ${ours.rps.toFixed(0)} | ${ours.p50} | ${ours.p99} | ${ours.errors} | ${(ours.rps / ceiling.rps).toFixed(2)} |`,
    );
  }
  console.log(`\narticle: ${articlePath}`);
} finally {
  lede.child.kill('SIGTERM');
  rmSync(lede.dataDir, { recursive: true, force: true });
}
