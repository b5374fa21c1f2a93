import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Anything that runs a function when its test is done: a `TestContext`, or `{ after }` from node:test. */
export interface AfterHost {
  after(fn: () => Promise<void>): unknown;
}

/** A new empty folder under the system temp dir, removed with its content when `t` ends. */
export async function createTmpDir(t: AfterHost): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lede-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
