import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isLedeError, LedeError } from '../../src/core/errors.js';
import { ingestFiles } from '../../src/ingest/bulk.js';
import { parseWireFile } from '../../src/ingest/detect.js';
import { listWireFiles } from '../../src/ingest/files.js';
import { createParsePool, type ParsePool } from '../../src/ingest/parse-pool.js';
import type { ItemResult } from '../../src/ingest/pipeline.js';
import { openStore } from '../../src/store/open.js';
import { runLede } from '../helpers/cli.js';
import { createTmpDir } from '../helpers/tmp-dir.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestRig } from './ingest-rig.js';

const fixtures = fileURLToPath(new URL('../fixtures/wire/', import.meta.url));
const maxBytes = 20 * 1024 * 1024;

/** What parsing a file gives, error or items, in a form two parsers can be compared by. */
async function outcomeOf(parse: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    return { items: await parse() };
  } catch (error) {
    assert.ok(isLedeError(error), `not a LedeError: ${String(error)}`);
    return { code: error.code, message: error.message, details: error.details };
  }
}

describe('the parse pool', () => {
  let pool: ParsePool;
  before(() => {
    pool = createParsePool({ size: 2 });
  });
  after(() => pool.close());

  it('gives for every wire fixture what parseWireFile gives on this thread, errors included', async () => {
    const files = (await listWireFiles([fixtures])).filter((f) => !f.endsWith('.md'));
    assert.ok(files.length >= 20, `only ${files.length} fixtures`);
    for (const file of files) {
      const here = await outcomeOf(() => parseWireFile(readFileSync(file), { filename: file, timezone: 'Europe/Paris' }));
      const there = await outcomeOf(() => pool.parse({ path: file, maxBytes }, { filename: file, timezone: 'Europe/Paris' }));
      assert.deepEqual(there, here, file);
    }
  });

  it('refuses a file over the limit before reading it, naming the file', async (t) => {
    const dir = await createTmpDir(t);
    const file = join(dir, 'big.xml');
    await writeFile(file, `<nitf>${' '.repeat(5000)}</nitf>`);
    await assert.rejects(pool.parse({ path: file, maxBytes: 1000 }, { filename: file }), (error: unknown) => {
      assert.ok(isLedeError(error, 'LEDE_INGEST_TOO_LARGE'));
      assert.match(error.message, /big\.xml: 5013 bytes is more than the limit of 1000/);
      return true;
    });
  });

  it('hands on the warnings of a file and parses many files at once, each to its own caller', async (t) => {
    const dir = await createTmpDir(t);
    const files = Array.from({ length: 40 }, (_, n) => join(dir, `message-${n}.xml`));
    for (const [n, file] of files.entries()) {
      await writeFile(
        file,
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2024-03-05T09:00:00Z</sent></header><itemSet>' +
          '<packageItem standard="NewsML-G2"><itemMeta><itemClass qcode="ninat:composite"/></itemMeta></packageItem>' +
          `<newsItem guid="urn:test:kept:${n}" version="1"><contentMeta><headline>Kept ${n}</headline></contentMeta></newsItem></itemSet></newsMessage>`,
      );
    }
    const warnings: string[] = [];
    const results = await Promise.all(
      files.map((file) => pool.parse({ path: file, maxBytes }, { filename: file, warn: (m) => warnings.push(m) })),
    );
    assert.deepEqual(
      results.map((items) => items.map((i) => i.uri)),
      files.map((_, n) => [`urn:test:kept:${n}`]),
    );
    assert.equal(warnings.length, 40);
    assert.match(warnings[0] ?? '', /message-\d+\.xml: skipped an empty packageItem without guid \(item 1\)$/);
  });

  it('fails a file it cannot read with the system error, as reading it here would', async (t) => {
    const file = join(await createTmpDir(t), 'gone.xml');
    await assert.rejects(pool.parse({ path: file, maxBytes }, { filename: file }), { code: 'ENOENT' });
  });
});

describe('ingestFiles (lede ingest of a folder)', () => {
  const story = (n: number) =>
    wireItem({
      uri: `urn:test:bulk:${n}`,
      headlines: [{ role: 'main', value: `Ferry timetable ${n} changes in spring` }],
      infosources: [{ name: 'Bulk Agency' }],
    });

  async function writeFolder(t: { after(fn: () => Promise<void>): unknown }, count: number, badAt: number[]) {
    const dir = await createTmpDir(t);
    const files: string[] = [];
    for (let n = 0; n < count; n++) {
      const file = join(dir, `item-${String(n).padStart(4, '0')}.json`);
      await writeFile(file, badAt.includes(n) ? '{"uri": ' : JSON.stringify(story(n)));
      files.push(file);
    }
    return files;
  }

  it('stores every good file in batches, tells each file in order, and reports the bad ones', async (t) => {
    const rig = await startIngestRig(t);
    const files = await writeFolder(t, 230, [0, 120, 229]);
    const told: Array<{ file: string; uris?: string[]; error?: string }> = [];
    await ingestFiles(rig.pipeline, files, {
      onFile: (outcome) => {
        told.push(
          'results' in outcome
            ? { file: outcome.file, uris: outcome.results.map((r) => r.uri) }
            : { file: outcome.file, error: (outcome.error as Error).message },
        );
      },
    });
    assert.deepEqual(
      told.map((o) => o.file),
      files,
    );
    for (const [n, outcome] of told.entries()) {
      if ([0, 120, 229].includes(n)) assert.match(outcome.error ?? '', /item-0*\d+\.json: /, `file ${n}`);
      else assert.deepEqual(outcome.uris, [`urn:test:bulk:${n}`], `file ${n}`);
    }
    assert.equal(await rig.store.stories.count(), 227);
    assert.equal((await rig.store.sources.findBySlug('bulk-agency'))?.name, 'Bulk Agency');
    const page = await rig.store.stories.listPublished({ limit: 1, source: 'bulk-agency' });
    assert.equal(page.total, 227);
  });

  it('stores the other files of a batch that fails, and pins the failure on its file', async (t) => {
    const rig = await startIngestRig(t);
    const files = await writeFolder(t, 150, []);
    // Fault injection: the real pipeline, refusing any batch that holds story 37.
    const ingestItems = rig.pipeline.ingestItems;
    let calls = 0;
    const pipeline = {
      ...rig.pipeline,
      ingestItems: async (...args: Parameters<typeof ingestItems>): Promise<ItemResult[]> => {
        calls++;
        if (args[0].some((item) => item.uri === 'urn:test:bulk:37')) {
          throw new LedeError('LEDE_INGEST_FIELD', 'urn:test:bulk:37: refused for this test');
        }
        return ingestItems(...args);
      },
    };
    const failed: string[] = [];
    let stored = 0;
    await ingestFiles(pipeline, files, {
      onFile: (outcome) => {
        if ('error' in outcome) failed.push(outcome.file);
        else stored += outcome.results.length;
      },
    });
    assert.deepEqual(failed, [files[37]]);
    assert.equal(stored, 149);
    assert.equal(await rig.store.stories.count(), 149);
    assert.ok(calls > 100, 'the failed batch was stored file by file');
  });

  it('is what the lede binary runs on a folder: the good files stored, one line and a quarantined copy per bad file', async (t) => {
    const dataDir = join(await createTmpDir(t), 'data');
    const files = await writeFolder(t, 260, [3, 200]);
    const run = await runLede(['ingest', '--json', dirname(files[0]!)], { LEDE_DATA_DIR: dataDir, LEDE_DEMO: '0' });
    assert.equal(run.code, 1);
    assert.deepEqual(
      run.stderr
        .trim()
        .split('\n')
        .map((line) => line.slice(0, line.indexOf(': '))),
      [files[3], files[200]],
    );
    const results = JSON.parse(run.stdout) as ItemResult[];
    assert.equal(results.length, 258);
    assert.deepEqual(
      results.slice(0, 4).map((r) => r.uri),
      ['urn:test:bulk:0', 'urn:test:bulk:1', 'urn:test:bulk:2', 'urn:test:bulk:4'],
    );
    assert.deepEqual((await readdir(join(dataDir, 'quarantine'))).sort(), [
      'item-0003.json',
      'item-0003.json.reason',
      'item-0200.json',
      'item-0200.json.reason',
    ]);
    const store = await openStore({ url: `sqlite:${join(dataDir, 'lede.db')}` });
    t.after(() => store.close());
    assert.equal((await store.stories.listPublished({ limit: 1, source: 'bulk-agency' })).total, 258);
  });
});
