import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestApp, storedStory, worldTopic } from '../ingest/e2e-helpers.js';

describe("the app's scheduled tasks", () => {
  it('lifts an embargo on time while a watch-folder poll is still running', async (t) => {
    const clock = createManualClock(new Date());
    const app = await startIngestApp({ clock });
    let finishPoll = () => {};
    const pollFinished = new Promise<void>((resolve) => {
      finishPoll = resolve;
    });
    t.after(async () => {
      finishPoll();
      await app.stop();
    });
    const start = clock.now().getTime();
    const item = wireItem({
      subjects: [worldTopic],
      infosources: [{ name: 'Agency' }],
      embargoed: new Date(start + 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    await app.app.services.pipeline.ingestItems([item]);
    const story = await storedStory(app, 'agency', item);
    assert.equal(story.state, 'embargoed');
    // Every task runs once and is done, so that the next tick finds them all idle.
    await app.app.scheduler.tick();

    // A poll of a big folder with slow picture fetches, under the watch folders' own lease.
    let polls = 0;
    let pollStarted = () => {};
    const isPolling = new Promise<void>((resolve) => {
      pollStarted = resolve;
    });
    app.app.scheduler.every(
      'slow-poll',
      1000,
      async () => {
        polls += 1;
        pollStarted();
        await pollFinished;
      },
      { group: 'watch-folders' },
    );
    const pollTick = app.app.scheduler.tick();
    await isPolling;
    clock.set(new Date(start + 60_000));
    await app.app.scheduler.tick();
    assert.equal((await app.store.stories.findById(story.id))?.state, 'published', 'released at the first tick after its time');
    assert.equal(polls, 1, 'the poll is still running, and was not started twice');
    finishPoll();
    await pollTick;
  });
});
