import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isLedeError } from '../../src/core/errors.js';
import { parseWireFile } from '../../src/ingest/detect.js';
import { checkGolden } from '../helpers/golden.js';
import { sharedSamplesDir } from '../helpers/shared-samples.js';
import { skipReason } from '../helpers/skips.js';

// Every wire file the repository has, and every shared sample, gives the same normalised items
// (and the same warnings, or the same refusal) as its committed snapshot under
// test/fixtures/golden/, unless a change is intended: then the test prints the diff, and
// `LEDE_UPDATE_GOLDEN=1` rewrites the snapshots for review in the commit that causes it.

const fixtures = fileURLToPath(new URL('../fixtures/wire/', import.meta.url));
const golden = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const shared = join(sharedSamplesDir(), 'wire-samples');
// Shared samples whose licence keeps them out of the repository (GPL): only a digest of their
// output is committed, never the output itself (which quotes their text).
const digestOnly = (rel: string) => rel.startsWith('wxr/');
const notWire = new Set(['NOTICE.md', 'README.md']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && !notWire.has(d.name))
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** What `lede ingest --dry-run --json` gives for one file: its items or its refusal, and the warnings. */
function outcomeOf(bytes: Buffer, filename: string): string {
  const warnings: string[] = [];
  let result: Record<string, unknown>;
  try {
    result = { items: parseWireFile(bytes, { filename, warn: (message) => warnings.push(message) }) };
  } catch (error) {
    if (!isLedeError(error)) throw error;
    result = { error: { code: error.code, message: error.message } };
  }
  return `${JSON.stringify({ ...result, ...(warnings.length > 0 ? { warnings } : {}) }, null, 2)}\n`;
}

function check(snapshot: string, actual: string, label: string) {
  const problem = checkGolden(snapshot, actual, label);
  assert.ok(problem === undefined, problem);
}

describe('golden snapshots of the normalised items', () => {
  describe('test/fixtures/wire', () => {
    for (const rel of filesUnder(fixtures)) {
      it(rel, () => {
        const actual = outcomeOf(readFileSync(join(fixtures, rel)), rel);
        check(join(golden, 'wire', `${rel}.json`), actual, `test/fixtures/wire/${rel}`);
      });
    }
  });

  describe('shared wire-samples', () => {
    if (!existsSync(shared)) {
      it('skipped: shared samples not found', {
        skip: skipReason('no-shared-samples', `${shared} not found (set LEDE_TEST_SHARED_DIR)`),
      }, () => {});
      return;
    }
    for (const rel of filesUnder(shared)) {
      it(rel, () => {
        const actual = outcomeOf(readFileSync(join(shared, rel)), rel);
        if (!digestOnly(rel)) {
          check(join(golden, 'shared', `${rel}.json`), actual, `wire-samples/${rel}`);
          return;
        }
        const digest = `${JSON.stringify({ sha256: createHash('sha256').update(actual).digest('hex') }, null, 2)}\n`;
        const problem = checkGolden(join(golden, 'shared', `${rel}.sha256.json`), digest, `wire-samples/${rel}`);
        assert.ok(
          problem === undefined,
          `${problem}\n(the sample's licence keeps its output out of the repository: compare by hand with \`lede ingest --dry-run --json ${join(shared, rel)}\`)`,
        );
      });
    }
  });
});
