import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RaceJob } from './race-child.js';

const child = fileURLToPath(new URL('./race-child.ts', import.meta.url));

export interface RaceWriter {
  process: ChildProcess;
  /** Resolves when the writer has printed `word` (`ready`, `held`); rejects if it exits first. */
  said(word: string): Promise<void>;
  tell(word: string): void;
  /** The writer's result, once it is done and has exited 0. */
  done: Promise<unknown>;
}

/** Starts a writer process (test/helpers/race-child.ts) for one job. */
export function startWriter(job: RaceJob): RaceWriter {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  proc.stdout.on('data', (chunk) => {
    out += chunk;
    for (const l of listeners) l();
  });
  proc.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.split('\n').includes(word)) resolve();
      };
      listeners.add(check);
      check();
      void exited.then((code) => reject(new Error(`writer exited (${code}) before saying ${word}: ${err}`)));
    });
  const done = exited.then((code) => {
    const line = out.split('\n').find((l) => l.startsWith('done '));
    if (code !== 0 || !line) throw new Error(`writer failed (exit ${code}): ${err}`);
    return JSON.parse(line.slice(5)) as unknown;
  });
  return { process: proc, said, tell: (word) => proc.stdin.write(`${word}\n`), done };
}

/** Starts the writers, waits until all are ready, then lets them all go at once. */
export async function race(jobs: RaceJob[]): Promise<unknown[]> {
  const writers = jobs.map(startWriter);
  await Promise.all(writers.map((w) => w.said('ready')));
  for (const w of writers) w.tell('go');
  return Promise.all(writers.map((w) => w.done));
}
