import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The real `lede` binary (built by `npm test` first). */
export const ledeBin = new URL('../../bin/lede.js', import.meta.url).pathname;

export interface LedeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lede ARGS` with only PATH and `env`, and returns its exit code and output. */
export async function runLede(args: string[], env: Record<string, string | undefined>, options: { cwd?: string } = {}): Promise<LedeRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ledeBin, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, ...env },
      timeout: 60_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
