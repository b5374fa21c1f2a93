import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { describeEngines } from '../helpers/postgres.js';
import { startPushApp, wireItem } from '../helpers/push-app.js';
import { startReceiver } from '../helpers/receiver.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';

describeEngines('outbox across a restart', { migrated: true }, (engine) => {
  it('loses and duplicates nothing when the process dies after claiming deliveries', async (t) => {
    const clock = createManualClock('2026-03-01T12:00:00Z');
    const telegram = await startFakeTelegram({ token: '4242:test-token', clock });
    const hook = await startReceiver();
    const { url, searchPath } = engine;
    t.after(async () => {
      await hook.close();
      await telegram.close();
    });

    const first = await startPushApp({ clock, telegram, webhooks: [{ url: hook.url, secret: 's' }], url, searchPath });
    const [a] = await first.ingest([wireItem({ picture: false })]);
    const [b] = await first.ingest([wireItem({ picture: false })]);
    // A worker claims story A's deliveries, then the process dies before sending them.
    const claimed = [];
    for (const channel of ['telegram', 'webhook:1']) {
      const row = await first.store.outbox.claimNext({ channel, holder: 'worker-that-dies', now: clock.now(), claimMs: 120_000 });
      assert.equal(row?.storyId, a?.id);
      claimed.push(row!.id);
    }
    // Meanwhile the live worker of the same process delivers story B.
    await first.deliver();
    assert.deepEqual(
      telegram.calls.map((c) => c.method),
      ['sendMessage'],
    );
    // The crash: the database connection goes away with nothing recorded and the lease still held.
    await first.store.close();

    clock.advance(3 * 60_000);
    const second = await startPushApp({ clock, url, searchPath });
    t.after(async () => {
      await second.close();
      await first.close().catch(() => {});
    });
    const [c] = await second.ingest([wireItem({ picture: false })]);
    await second.deliver();
    clock.advance(60 * 60_000);
    await second.deliver();

    const texts = telegram.liveMessages().map((m) => m.text.split('\n')[0]);
    assert.equal(texts.length, 3, 'one post per story');
    assert.equal(new Set(texts).size, 3, 'no story posted twice');
    assert.equal(telegram.calls.length, 3);
    const delivered = hook.requests.map((r) => r.headers['x-lede-delivery']);
    assert.deepEqual(
      [...delivered].sort(),
      [`${a?.id}:1:webhook:1:publish`, `${b?.id}:1:webhook:1:publish`, `${c?.id}:1:webhook:1:publish`].sort(),
    );
    const rows = await second.store.outbox.list();
    assert.deepEqual(
      rows.map((r) => r.status),
      Array(6).fill('delivered'),
    );
    for (const id of claimed) assert.equal((await second.store.outbox.find(id))?.attempts, 2);
  });
});
