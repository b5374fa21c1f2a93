import assert from 'node:assert/strict';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { runLede } from '../helpers/cli.js';
import { describeEngines } from '../helpers/postgres.js';
import { wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp } from './e2e-helpers.js';

// What an attacker (or a broken agency system) puts in a ninjs file: a NUL and other C0
// controls, and lone surrogates (valid JSON escapes, invalid UTF-16).
const dirty = (n: string) =>
  wireItem({
    headlines: [{ role: 'main', value: `Harbour\u0000 strike\u0007 ends ${n}\ud800` }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Dock\u0000 workers\tgo back\udc00 to work.</p>' }],
    keywords: ['ports\u0000', 'labour\u001b'],
  });
const cleanHeadline = (n: string) => `Harbour strike ends ${n}\ufffd`;

describeEngines('ingest boundary: control characters and lone surrogates', { migrated: true }, (engine) => {
  let app: IngestTestApp;
  let folder: string;
  let dropped: string;
  let cliEnv: Record<string, string> = {};
  const token = 'push-token-nul-1';
  before(async () => {
    // SQLite: the CLI finds the app's database in LEDE_DATA_DIR; PostgreSQL: by DATABASE_URL
    // (the suite's schema, read here: inside a test `engine.url` names that test's own).
    const isPostgres = engine.name === 'postgres';
    app = await startIngestApp(isPostgres ? { url: engine.url, searchPath: engine.searchPath } : {});
    cliEnv = { LEDE_DATA_DIR: app.config.dataDir, ...(isPostgres ? { DATABASE_URL: engine.url } : {}) };
    folder = join(app.config.dataDir, 'incoming', 'coast');
    dropped = join(app.config.dataDir, 'dropped');
    await mkdir(folder, { recursive: true });
    await mkdir(dropped, { recursive: true });
    await applySourceSettings(app.store.sources, 'coast', { name: 'Coast', pushToken: token, watchDir: folder });
  });
  after(() => app.stop());

  const lede = (args: string[]) => runLede(args, cliEnv);
  const push = (body: string) =>
    fetch(`${app.base}/ingest/coast`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
  const stored = (uri: string) => app.store.stories.findById(storyIdFor('coast', uri));

  it('push: stores the text without them, and refuses a uri that holds one (422, not 500)', async () => {
    const item = dirty('push');
    const response = await push(JSON.stringify(item));
    assert.equal(response.status, 202, await response.clone().text());
    const story = await stored(item.uri);
    assert.equal(story?.headline, cleanHeadline('push'));
    for (const c of ['\u0000', '\u0007', '\u001b']) assert.ok(!story?.bodyHtml.includes(c), story?.bodyHtml);
    assert.match(story?.bodyHtml ?? '', /Dock workers\s+go back\ufffd to work/);

    const bad = await push(JSON.stringify(wireItem({ uri: 'urn:test:nul\u0000uri' })));
    assert.equal(bad.status, 422);
    const { error } = (await bad.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'LEDE_INGEST_FIELD');
    assert.match(error.message, /uri/);
    const lone = await push(JSON.stringify(wireItem({ uri: 'urn:test:lone\ud801' })));
    assert.equal(lone.status, 422);
  });

  it('lede ingest: warns FILE: URI: and stores; a bad uri is a bad file, quarantined, without a stack trace', async () => {
    const item = dirty('cli');
    const good = join(dropped, 'dirty.json');
    const bad = join(dropped, 'bad-uri.json');
    await writeFile(good, JSON.stringify(item));
    await writeFile(bad, JSON.stringify(wireItem({ uri: 'urn:test:cli\u0000uri' })));
    const run = await lede(['ingest', '--source', 'coast', good, bad]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`^${good}: ${item.uri}: .*control characters`, 'm'));
    assert.match(run.stderr, new RegExp(`^${bad}: .*uri`, 'm'));
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.equal((await stored(item.uri))?.headline, cleanHeadline('cli'));
    const quarantined = await readdir(join(app.config.dataDir, 'quarantine'));
    assert.ok(quarantined.includes('bad-uri.json') && quarantined.includes('bad-uri.json.reason'), String(quarantined));
    await access(bad); // the caller's file stays
  });

  it('watch folder: ingests the file cleaned, and quarantines one with a bad uri at once (no retry)', async () => {
    const item = dirty('watch');
    await writeFile(join(folder, 'dirty.json'), JSON.stringify(item));
    await writeFile(join(folder, 'bad-uri.json'), JSON.stringify(wireItem({ uri: 'urn:test:watch\u0001uri' })));
    for (let i = 0; i < 2; i++) await app.app.ingest.watchFolders.pollAll();
    assert.deepEqual(await readdir(join(folder, 'done')), ['dirty.json']);
    assert.deepEqual((await readdir(join(folder, 'quarantine'))).sort(), ['bad-uri.json', 'bad-uri.json.reason']);
    assert.match(await readFile(join(folder, 'quarantine', 'bad-uri.json.reason'), 'utf8'), /uri/);
    assert.equal((await stored(item.uri))?.headline, cleanHeadline('watch'));
  });
});
