import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articlePath } from '../../src/core/urls.js';
import { within } from '../helpers/surfaces.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestApp, storedStory } from './e2e-helpers.js';

describe('a correction from the agency', () => {
  it('shows on the story page with the time of the correcting version', async (t) => {
    const app = await startIngestApp();
    t.after(() => app.stop());
    const v1 = wireItem({ versioncreated: '2026-03-02T09:00:00Z' });
    await app.app.services.pipeline.ingestItems([v1], { source: 'agency' });
    const story = await storedStory(app, 'agency', v1);
    assert.equal((await fetch(`${app.base}${articlePath(story)}`)).status, 200);
    const note = 'An earlier version of this story gave the wrong day for the vote.';
    await app.app.services.pipeline.ingestItems(
      [{ ...v1, version: '2', versioncreated: '2026-03-02T09:45:00Z', descriptions: [{ role: 'correction', value: note }] }],
      { source: 'agency' },
    );
    await within(
      2000,
      async () => (await (await fetch(`${app.base}${articlePath(story)}`)).text()).includes(note),
      'the correction on the page',
    );
    const page = await (await fetch(`${app.base}${articlePath(story)}`)).text();
    assert.match(page, /<aside class="corrections">[\s\S]*An earlier version[\s\S]*<time datetime="2026-03-02T09:45:00.000Z">/);
  });
});
