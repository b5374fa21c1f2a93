import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runLede } from '../helpers/cli.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { wireItem } from '../helpers/wire.js';

const recorder = fileURLToPath(new URL('../helpers/loaded-modules.cjs', import.meta.url));

/** The packages under node_modules that a `lede` run loaded. */
async function packagesLoadedBy(args: string[], dir: string): Promise<Set<string>> {
  const list = join(dir, 'loaded.txt');
  const run = await runLede(args, {
    LEDE_DATA_DIR: dir,
    LEDE_LOG_LEVEL: 'silent',
    NODE_OPTIONS: `--require ${recorder}`,
    LOADED_MODULES_FILE: list,
  });
  assert.equal(run.code, 0, run.stderr);
  const paths = (await readFile(list, 'utf8')).split('\n');
  return new Set(paths.map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1]).filter((name) => name !== undefined));
}

// A command starts in what it loads: a one-file `lede ingest` took a second when it loaded the
// whole server (Fastify, prom-client, the newsroom), pg and sharp that it never used.
describe('what a lede command loads', () => {
  it('loads neither the web server, pg nor sharp for a text-only ingest on SQLite', async (t) => {
    const dir = await createTmpDir(t);
    const file = join(dir, 'story.json');
    await writeFile(file, JSON.stringify(wireItem()));
    const loaded = await packagesLoadedBy(['ingest', '--source', 'agency', file], dir);
    assert.ok(loaded.has('better-sqlite3') && loaded.has('sanitize-html'), `the list holds what ingest needs: ${[...loaded].join(', ')}`);
    for (const unused of ['fastify', 'prom-client', 'pg', 'sharp', '@node-rs/argon2']) assert.ok(!loaded.has(unused), `${unused} loaded`);
  });
});
