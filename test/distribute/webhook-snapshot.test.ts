import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { describeEngines } from '../helpers/postgres.js';
import { startPushApp, wireItem } from '../helpers/push-app.js';
import { startReceiver } from '../helpers/receiver.js';

const sent = (body: string) => {
  const { event, item } = JSON.parse(body) as { event: string; item: { version: string; headlines: Array<{ value: string }> } };
  return `${event} v${item.version}: ${item.headlines[0]?.value}`;
};

describeEngines('webhook redelivery', { migrated: true }, (engine) => {
  it('sends the version its event was about when a publish is retried after a later update', async (t) => {
    const clock = createManualClock('2026-03-01T12:00:00Z');
    const hook = await startReceiver();
    const app = await startPushApp({
      clock,
      webhooks: [{ url: hook.url, secret: 's' }],
      url: engine.url,
      searchPath: engine.searchPath,
    });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    const v1 = wireItem({ picture: false, headlines: [{ role: 'main', value: 'Strike begins' }] });
    const [story] = await app.ingest([v1]);
    // A worker claims the publish and dies before sending it.
    const claimed = await app.store.outbox.claimNext({ channel: 'webhook:1', holder: 'dies', now: clock.now(), claimMs: 120_000 });
    assert.equal(claimed?.kind, 'publish');
    await app.ingest([{ ...v1, version: '2', headlines: [{ role: 'main', value: 'Strike ends' }] }]);
    await app.deliver();
    clock.advance(3 * 60_000);
    await app.deliver();

    assert.deepEqual(
      hook.requests.map((r) => sent(r.body)),
      ['update v2: Strike ends', 'publish v1: Strike begins'],
    );
    assert.deepEqual(
      hook.requests.map((r) => r.headers['x-lede-delivery']),
      [`${story?.id}:2:webhook:1:update`, `${story?.id}:1:webhook:1:publish`],
    );
  });

  it('still sends nothing for a publish or update of a story killed since', async (t) => {
    const clock = createManualClock('2026-03-01T12:00:00Z');
    const hook = await startReceiver();
    const app = await startPushApp({ clock, webhooks: [{ url: hook.url, secret: 's' }], url: engine.url, searchPath: engine.searchPath });
    t.after(async () => {
      await app.close();
      await hook.close();
    });
    const v1 = wireItem({ picture: false });
    await app.ingest([v1]);
    await app.ingest([{ ...v1, version: '2', pubstatus: 'canceled' }]);
    await app.deliver();
    assert.deepEqual(
      hook.requests.map((r) => (JSON.parse(r.body) as { event: string }).event),
      ['kill'],
    );
    const publish = (await app.store.outbox.list({ channel: 'webhook:1' })).find((r) => r.kind === 'publish');
    assert.equal(publish?.status, 'skipped');
  });
});
