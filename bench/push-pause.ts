/**
 * `npm run bench:push-pause`: how long a 19 MB push holds the site. A real `lede serve` (from
 * dist/: `npm run build` first) on a fresh SQLite data folder, or on PostgreSQL with
 * `--engine postgres` (LEDE_TEST_DATABASE_URL or DATABASE_URL, in a schema of its own, dropped
 * afterwards). Another process asks `/healthz` and the home page every 10 ms while a 19 MB
 * ninjs story whose body survives sanitising (test/helpers/push-probe.ts, as the push test) is pushed, `--pushes N` times as versions 1, 2, 3… of one story; the latencies of the
 * site's answers during each push give p50, p99 and max. With `--webhook`, a webhook
 * subscriber wants every event, so each change also writes the story's copy in the outbox;
 * `--profile DIR` writes the server's CPU profiles there.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { probeLatencies, quantile, wireLikeBody } from '../test/helpers/push-probe.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    pushes: { type: 'string', default: '3' },
    webhook: { type: 'boolean', default: false },
    // Writes a CPU profile of the server into this folder.
    profile: { type: 'string' },
  },
});
const root = new URL('..', import.meta.url).pathname;
const MiB = 1024 * 1024;
const token = 'bench-push-token';
const log = (message: string) => process.stderr.write(`${message}\n`);

const storyOf = (version: number, body: string) =>
  Buffer.from(
    JSON.stringify({
      uri: 'urn:bench:push-pause:1',
      version: String(version),
      type: 'text',
      pubstatus: 'usable',
      language: 'en',
      versioncreated: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      headlines: [{ role: 'main', value: `Dock workers return, take ${version}` }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: body }],
    }),
  );

interface Lede {
  base: string;
  child: ChildProcess;
  cleanup: () => Promise<void>;
}

async function startLede(): Promise<Lede> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lede-bench-push-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LEDE_DATA_DIR: dataDir, LEDE_DEMO: '0', LEDE_LOG_LEVEL: 'warn' };
  let dropSchema = async () => {};
  if (values.engine === 'postgres') {
    const url = process.env.LEDE_TEST_DATABASE_URL || process.env.DATABASE_URL;
    if (!url) throw new Error('--engine postgres needs LEDE_TEST_DATABASE_URL or DATABASE_URL');
    const schema = `bench_push_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = withSchema.toString();
    dropSchema = async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
  }
  const lede = (...args: string[]) => execFileSync(process.execPath, [join(root, 'bin/lede.js'), ...args], { env, stdio: 'pipe' });
  lede('migrate');
  lede('sources', 'set', 'bench', '--push-token', token);
  if (values.webhook) lede('webhooks', 'add', 'http://127.0.0.1:9/hook', '--secret', 'bench-secret');
  const port = 3950 + Math.floor(Math.random() * 40);
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'bin/lede.js'), 'serve'], {
    env: { ...env, PORT: String(port) },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      return {
        base,
        child,
        cleanup: async () => {
          child.kill();
          await new Promise((r) => child.once('exit', r));
          await dropSchema();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('lede serve did not become ready within 60 s');
}

const push = (base: string, body: Buffer) =>
  fetch(`${base}/ingest/bench`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });

const body = wireLikeBody();
const lede = await startLede();
const rows: Array<{ push: number; ms: number; answers: number; p50: number; p99: number; max: number }> = [];
try {
  // A small push first, so that the parse worker and the statements are warm.
  const warm = await push(lede.base, storyOf(1, '<p>Warm-up.</p>'));
  if (warm.status !== 202) throw new Error(`warm-up push answered ${warm.status}: ${await warm.text()}`);
  for (let n = 1; n <= Number(values.pushes); n++) {
    const bytes = storyOf(n + 1, body);
    const prober = probeLatencies(lede.base, ['/healthz', '/']);
    await new Promise((r) => setTimeout(r, 300));
    const started = performance.now();
    const response = await push(lede.base, bytes);
    const text = await response.text();
    const ms = performance.now() - started;
    const latencies = (await prober.stop()).sort((a, b) => a - b);
    if (response.status !== 202) throw new Error(`push answered ${response.status}: ${text}`);
    const at = (q: number) => quantile(latencies, q);
    rows.push({ push: n, ms, answers: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 });
    log(`push ${n} (${(bytes.length / MiB).toFixed(1)} MiB): ${ms.toFixed(0)} ms; site p99 ${at(0.99).toFixed(0)} ms`);
  }
} finally {
  await lede.cleanup();
}

const cpu = cpus();
console.log(`\nmachine: ${cpu.length} cores (nproc), ${cpu[0]?.model ?? 'unknown cpu'}; node ${process.version}`);
console.log(`engine: ${values.engine}${values.webhook ? ', with a webhook subscriber' : ''}\n`);
console.log('| push | push ms | site answers | p50 ms | p99 ms | max ms |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.push} | ${r.ms.toFixed(0)} | ${r.answers} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} |`);
}
