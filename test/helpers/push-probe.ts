/**
 * What the 19 MB push test and `npm run bench:push-pause` share: a large body of wire-like
 * paragraphs, and a prober that asks the site from another process while the push runs.
 */
import { spawn } from 'node:child_process';

const MiB = 1024 * 1024;

/**
 * About 19 MB of wire-like paragraphs with links, emphasis and references that the sanitiser
 * keeps whole (text, hash, fingerprint and search all see 16 MB of text), from a fixed seed.
 */
export function wireLikeBody(bytes = 19 * MiB - 8192): string {
  const words = (
    'the port authority said on monday that dock workers would return after talks with shipping lines over pay ' +
    'and hours ended late on sunday night in rotterdam hamburg antwerp while unions warned of further strikes ' +
    'if the agreement reached by negotiators was not approved by members in a vote expected next week'
  ).split(' ');
  let seed = 51;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const paragraphs: string[] = [];
  for (let size = 0; size < bytes; ) {
    const sentence = Array.from({ length: 30 + next(50) }, () => words[next(words.length)]).join(' ');
    const p = `<p>${sentence[0]?.toUpperCase()}${sentence.slice(1)}, <b>Reuters</b> &amp; AFP reported &quot;from the quay&quot; (<a href="https://example.com/port?id=${next(1e6)}&amp;p=2">more</a>).</p>`;
    paragraphs.push(p);
    size += p.length;
  }
  return paragraphs.join('');
}

/**
 * Asks `paths` of `base` by turns, every 10 ms, from another process (a prober on the caller's
 * thread would stop with the server's thread and never see it stop), until `stop()`: each
 * answer's time in ms. An answer other than 200 fails the prober, and `stop()` with it.
 */
export function probeLatencies(base: string, paths: string[]): { stop(): Promise<number[]> } {
  const script = `
    const [base, ...paths] = process.argv.slice(1);
    const latencies = [];
    let isRunning = true;
    process.stdin.on('data', () => {}).on('end', () => { isRunning = false; });
    (async () => {
      for (let n = 0; isRunning; n++) {
        const started = performance.now();
        const path = paths[n % paths.length];
        const response = await fetch(base + path);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(path + ' answered ' + response.status);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      process.stdout.write(JSON.stringify(latencies));
    })();`;
  const child = spawn(process.execPath, ['-e', script, base, ...paths], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the prober of ${paths.join(', ')} failed (exit ${code})`);
      return JSON.parse(out) as number[];
    },
  };
}

/** The answer time below which `share` of the sorted `latencies` fall. */
export const quantile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
