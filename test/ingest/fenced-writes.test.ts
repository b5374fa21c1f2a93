import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isLedeError } from '../../src/core/errors.js';
import { applyDueTransitions } from '../../src/ingest/scheduled.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import { describeEngines } from '../helpers/postgres.js';
import { wireItem } from '../helpers/wire.js';
import { startIngestRig } from './ingest-rig.js';

describeEngines('writes of a scheduled task, fenced by its lease token', { migrated: true }, (engine) => {
  it('stores nothing once another process has taken the lease over, and stores while it is held', async (t) => {
    const rig = await startIngestRig(t, { url: engine.url, searchPath: engine.searchPath });
    const now = rig.clock.now();
    const old = await rig.store.leases.tryAcquire({ name: 'scheduler:watch-folders', holder: 'stalled', ttlMs: 1000, now });
    assert.ok(old);
    const held = wireItem();
    await rig.pipeline.ingestItems([held], { source: 'agency', fence: old });
    assert.ok(await rig.store.stories.findById(storyIdFor('agency', held.uri)), 'stored while the lease is held');

    // The stalled leader's lease ran out and another process took it: a new token.
    rig.clock.set(new Date(now.getTime() + 5000));
    const taken = await rig.store.leases.tryAcquire({
      name: 'scheduler:watch-folders',
      holder: 'successor',
      ttlMs: 1000,
      now: rig.clock.now(),
    });
    assert.ok(taken && taken.token > old.token);
    const late = wireItem();
    await assert.rejects(rig.pipeline.ingestItems([late], { source: 'agency', fence: old }), (e) => isLedeError(e, 'LEDE_LEASE_LOST'));
    assert.equal(await rig.store.stories.findById(storyIdFor('agency', late.uri)), undefined, 'the stalled leader wrote nothing');

    const embargoed = wireItem({ embargoed: new Date(rig.clock.now().getTime() + 60_000).toISOString() });
    await rig.pipeline.ingestItems([embargoed], { source: 'agency', fence: taken });
    rig.clock.set(new Date(rig.clock.now().getTime() + 120_000));
    const id = storyIdFor('agency', embargoed.uri);
    await assert.rejects(applyDueTransitions({ store: rig.store, clock: rig.clock, fence: old }), (e) => isLedeError(e, 'LEDE_LEASE_LOST'));
    assert.equal((await rig.store.stories.findById(id))?.state, 'embargoed', 'no release by the stalled leader');
    const successor = await rig.store.leases.tryAcquire({
      name: 'scheduler:watch-folders',
      holder: 'successor',
      ttlMs: 1000,
      now: rig.clock.now(),
    });
    await applyDueTransitions({ store: rig.store, clock: rig.clock, fence: successor });
    assert.equal((await rig.store.stories.findById(id))?.state, 'published', 'released by the holder');
  });
});
