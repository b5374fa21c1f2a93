import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fingerprintDistance, nearDuplicateDistance } from '../../src/core/fingerprint.js';
import { applySourceSettings } from '../../src/ingest/sources/settings.js';
import { storyIdFor } from '../../src/ingest/to-story.js';
import type { Store } from '../../src/store/types.js';
import { describeEngines } from '../helpers/postgres.js';
import { putStory } from '../helpers/story-writes.js';
import { killOf, wireItem } from '../helpers/wire.js';
import { startIngestRig } from './ingest-rig.js';

/** Kinds of the events of one story, in order. */
async function eventKinds(store: Store, storyId: string): Promise<string[]> {
  return (await store.events.listAfter(0, 10_000)).filter((e) => e.storyId === storyId).map((e) => e.kind);
}

const source = { source: 'agency' };

describeEngines('story lifecycle in the pipeline', { migrated: true }, (engine) => {
  const rig = (t: Parameters<typeof startIngestRig>[0]) => startIngestRig(t, { url: engine.url, searchPath: engine.searchPath });

  it('keeps a kill for an unknown uri as a tombstone, so a late older version cannot bring the story back', async (t) => {
    const { pipeline, store } = await rig(t);
    const item = wireItem({ version: '1' });
    const [kill] = await pipeline.ingestItems([killOf(item, '2')], source);
    assert.equal(kill?.outcome, 'kill');
    assert.equal(kill?.state, 'killed');
    const [late] = await pipeline.ingestItems([item], source);
    assert.deepEqual([late?.outcome, late?.reason], ['ignored', 'killed']);
    const story = await store.stories.findById(storyIdFor('agency', item.uri));
    assert.equal(story?.state, 'killed');
    assert.deepEqual(await eventKinds(store, story!.id), ['kill']);
  });

  it('replaces a story with a higher version, keeps the history, ignores older and equal ones, and lets a kill win a tie', async (t) => {
    const { pipeline, store } = await rig(t);
    const v1 = wireItem({ version: '1' });
    const v2 = { ...v1, version: '2', headlines: [{ role: 'main', value: 'Lighthouse strike called off' }] };
    const outcomes = async (item: typeof v1) => (await pipeline.ingestItems([item], source)).map((r) => [r.outcome, r.reason ?? '']);
    assert.deepEqual(await outcomes(v1), [['publish', '']]);
    assert.deepEqual(await outcomes(v2), [['update', '']]);
    assert.deepEqual(await outcomes(v1), [['ignored', 'older']]);
    assert.deepEqual(await outcomes({ ...v2, headlines: [{ role: 'main', value: 'Same version, other words' }] }), [['ignored', 'same']]);
    const id = storyIdFor('agency', v1.uri);
    assert.equal((await store.stories.findById(id))?.headline, 'Lighthouse strike called off');
    assert.deepEqual(
      (await store.stories.history(id)).map((h) => h.version),
      ['1', '2'],
    );
    assert.deepEqual(await outcomes(killOf(v2, '2')), [['kill', '']]);
    assert.deepEqual(await eventKinds(store, id), ['publish', 'update', 'kill']);
  });

  it('is idempotent: the same file twice stores one version and fires one event', async (t) => {
    const { pipeline, store } = await rig(t);
    const bytes = Buffer.from(JSON.stringify([wireItem(), wireItem({ version: undefined })]));
    const first = await pipeline.ingestFile({ bytes, filename: 'batch.json', ...source });
    const again = await pipeline.ingestFile({ bytes, filename: 'batch.json', ...source });
    assert.deepEqual(
      first.map((r) => r.outcome),
      ['publish', 'publish'],
    );
    assert.deepEqual(
      again.map((r) => r.outcome),
      ['ignored', 'ignored'],
    );
    for (const r of first) {
      assert.equal((await store.stories.history(r.id)).length, 1);
      assert.deepEqual(await eventKinds(store, r.id), ['publish']);
    }
  });

  it('hides a withheld story until a later usable version brings it back at its first address', async (t) => {
    const { pipeline, store } = await rig(t);
    const v1 = wireItem({ version: '1' });
    await pipeline.ingestItems([v1], source);
    const id = storyIdFor('agency', v1.uri);
    const publishedAt = (await store.stories.findById(id))?.publishedAt;
    await pipeline.ingestItems([{ ...v1, version: '2', pubstatus: 'withheld' }], source);
    assert.equal((await store.stories.findById(id))?.state, 'withheld');
    assert.equal((await store.stories.listPublished({ limit: 10 })).total, 0);
    await pipeline.ingestItems([{ ...v1, version: '3' }], source);
    const back = await store.stories.findById(id);
    assert.equal(back?.state, 'published');
    assert.equal(back?.publishedAt, publishedAt);
    assert.deepEqual(await eventKinds(store, id), ['publish', 'withhold', 'publish']);
  });

  it('holds the stories of a source whose rule is hold, out of every list, until an editor releases them', async (t) => {
    const { pipeline, store } = await rig(t);
    await applySourceSettings(store.sources, 'agency', { rule: 'hold' });
    const [result] = await pipeline.ingestItems([wireItem()], source);
    assert.deepEqual([result?.outcome, result?.state], ['store', 'held']);
    assert.equal((await store.stories.listPublished({ limit: 10 })).total, 0);
    assert.equal((await store.search.query({ q: 'lighthouse', limit: 10 })).total, 0);
  });

  it('orders the versions of a non-sequential source by versioncreated', async (t) => {
    const { pipeline, store } = await rig(t);
    await applySourceSettings(store.sources, 'agency', { sequentialVersions: false });
    const a = wireItem({ version: '9', versioncreated: '2026-03-02T09:00:00Z' });
    await pipeline.ingestItems([a], source);
    const [older] = await pipeline.ingestItems([{ ...a, version: '10', versioncreated: '2026-03-02T08:00:00Z' }], source);
    assert.deepEqual([older?.outcome, older?.reason], ['ignored', 'older']);
    const [newer] = await pipeline.ingestItems([{ ...a, version: '3', versioncreated: '2026-03-02T09:30:00Z' }], source);
    assert.equal(newer?.outcome, 'update');
  });

  it('keeps an editor change to agency copy: a later agency version is kept in history and flags the story; a kill still applies', async (t) => {
    const { pipeline, store } = await rig(t);
    const v1 = wireItem();
    await pipeline.ingestItems([v1], source);
    const id = storyIdFor('agency', v1.uri);
    const edited = { ...(await store.stories.findById(id))!, headline: 'Edited by the desk' };
    await putStory(store, edited, { flags: { editorEdited: true } });
    const [update] = await pipeline.ingestItems([{ ...v1, version: '2', headlines: [{ role: 'main', value: 'Agency rewrite' }] }], source);
    assert.equal(update?.outcome, 'store');
    const after = await store.stories.findByUri('agency', v1.uri);
    assert.equal(after?.headline, 'Edited by the desk');
    assert.equal(after?.wireUpdatePending, true);
    assert.equal(after?.version, '2');
    assert.equal((await store.stories.history(id)).at(-1)?.ninjs.headlines?.[0]?.value, 'Agency rewrite');
    await pipeline.ingestItems([killOf(v1, '3')], source);
    assert.equal((await store.stories.findById(id))?.state, 'killed');
  });

  it('records a correction with its time', async (t) => {
    const { pipeline, store } = await rig(t);
    const v1 = wireItem();
    await pipeline.ingestItems([v1], source);
    const note = 'An earlier version gave the wrong date for the vote.';
    await pipeline.ingestItems(
      [{ ...v1, version: '2', versioncreated: '2026-03-02T09:45:00Z', descriptions: [{ role: 'correction', value: note }] }],
      source,
    );
    assert.deepEqual((await store.stories.findById(storyIdFor('agency', v1.uri)))?.corrections, [
      { at: '2026-03-02T09:45:00Z', text: note },
    ]);
  });

  it('keeps the same story from two agencies as two stories with near-duplicate fingerprints', async (t) => {
    const { pipeline, store } = await rig(t);
    const body = (s: string) => [{ role: 'main', contenttype: 'text/html', value: s }];
    const text =
      '<p>Thousands of residents were evacuated on Sunday as the river burst its banks after three days of rain. ' +
      'Emergency services said two bridges had been closed and that the water was expected to peak overnight. ' +
      'The regional governor asked people living near the river to move to higher ground and promised help for farmers.</p>';
    const a = wireItem({ bodies: body(text), headlines: [{ role: 'main', value: 'River floods force evacuations' }] });
    const b = wireItem({
      bodies: body(text.replace('Thousands of residents', 'Thousands of people').replace('on Sunday', 'on Sunday morning')),
      headlines: [{ role: 'main', value: 'River floods force evacuations' }],
    });
    const c = wireItem();
    await pipeline.ingestItems([a], { source: 'agency-a' });
    await pipeline.ingestItems([b, c], { source: 'agency-b' });
    const [sa, sb, sc] = await store.stories.findByIds([
      storyIdFor('agency-a', a.uri),
      storyIdFor('agency-b', b.uri),
      storyIdFor('agency-b', c.uri),
    ]);
    assert.ok(sa && sb && sc && sa.id !== sb.id);
    assert.ok(fingerprintDistance(sa.fingerprint!, sb.fingerprint!) <= nearDuplicateDistance);
    assert.ok(fingerprintDistance(sa.fingerprint!, sc.fingerprint!) > nearDuplicateDistance);
  });
});
