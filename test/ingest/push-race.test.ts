import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { describeEngines } from '../helpers/postgres.js';
import { killOf, wireItem } from '../helpers/wire.js';
import { type IngestTestApp, startIngestApp } from './e2e-helpers.js';

// Issue 8, "done means": three pushes of version 1 at the same moment as the kill (version 2),
// for 30 stories, over HTTP push. A late version 1 must never bring a killed story back.
describeEngines('HTTP push: version 1 pushed three times at the same moment as the kill', { migrated: true }, (engine) => {
  let app: IngestTestApp;
  const token = 'push-token-race-51c';
  before(async () => {
    app = await startIngestApp({ url: engine.url, searchPath: engine.searchPath });
    await applySourceSettings(app.store.sources, 'racer', { name: 'Racer', pushToken: token });
  });
  after(() => app.stop());

  const push = async (body: object) => {
    const response = await fetch(`${app.base}/ingest/racer`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  };

  it('leaves 30 of 30 killed, one version row each, no extra publish event', async () => {
    const firsts = Array.from({ length: 30 }, () => wireItem());
    const statuses = await Promise.all(firsts.flatMap((item) => [push(item), push(item), push(killOf(item)), push(item)]));
    assert.deepEqual([...new Set(statuses)], [202]);

    const events = await app.store.events.listAfter(0, 100_000);
    const wrong: string[] = [];
    for (const item of firsts) {
      const id = storyIdFor('racer', item.uri);
      const stored = await app.store.stories.findStored(id);
      if (stored?.state !== 'killed') wrong.push(`${item.uri}: ${stored?.state}`);
      const versions = (await app.store.stories.history(id)).map((v) => `${v.version}:${v.pubstatus}`);
      if (new Set(versions).size !== versions.length) wrong.push(`${item.uri}: versions ${versions.join(', ')}`);
      const kinds = events.filter((e) => e.storyId === id).map((e) => e.kind);
      if (kinds.filter((k) => k === 'publish').length > 1 || kinds.at(-1) !== 'kill') wrong.push(`${item.uri}: events ${kinds.join(', ')}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual((await app.store.verify()).problems, []);
  });
});
