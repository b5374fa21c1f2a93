import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { killOf, wireItem } from '../helpers/wire.js';
import { assertKilledEverywhere, assertLive, type IngestTestApp, startIngestApp, storedStory, worldTopic } from './e2e-helpers.js';

const run = promisify(execFile);
const bin = new URL('../../bin/lede.js', import.meta.url).pathname;

describe('lede ingest next to a running server', () => {
  let app: IngestTestApp;
  before(async () => {
    app = await startIngestApp();
  });
  after(() => app.stop());

  const lede = (args: string[]) =>
    run(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, LEDE_DATA_DIR: app.config.dataDir } });

  it('publishes a story from a file, then takes it down everywhere within 5 s of its kill', async (t) => {
    const item = wireItem({ subjects: [worldTopic], infosources: [{ name: 'Harbour Wire' }] });
    const file = join(app.config.dataDir, 'story.json');
    await writeFile(file, JSON.stringify(item));
    // No --source: the provider named in the file becomes the source, with the default rule.
    const { stdout } = await lede(['ingest', '--json', file]);
    const [result] = JSON.parse(stdout);
    assert.equal(result.source, 'harbour-wire');
    assert.equal(result.outcome, 'publish');
    assert.equal((await app.store.sources.findBySlug('harbour-wire'))?.publishRule, 'auto');
    const story = await storedStory(app, 'harbour-wire', item);
    assert.equal(story.section, 'world');
    const sitemaps = await assertLive(app, story);

    const killFile = join(app.config.dataDir, 'kill.json');
    await writeFile(killFile, JSON.stringify(killOf(item)));
    await lede(['ingest', killFile]);
    // The CLI has committed when it exits: from there, 5 s to every surface of the server.
    t.diagnostic(await assertKilledEverywhere(app, story, Date.now(), sitemaps));
  });
});
