import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { createManualClock } from '../../src/core/clock.js';
import type { Ninjs } from '../../src/core/ninjs.js';
import { createChannelRegistry } from '../../src/distribute/channel-registry.js';
import { createOutboxWorker } from '../../src/distribute/outbox-worker.js';
import { chatId, startPushApp, wireItem } from '../helpers/push-app.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';

const hour = 3600 * 1000;

/** A push app whose worker gives Telegram 1 s: a lost answer is a timeout, and the post it made stays unrecorded. */
async function setUp(t: { after: (fn: () => Promise<void>) => void }, rights?: { canEditMessages?: boolean }) {
  const clock = createManualClock('2026-03-01T12:00:00Z');
  const telegram = await startFakeTelegram({ token: '4242:test-token', clock, rights });
  const app = await startPushApp({ clock, telegram });
  const worker = createOutboxWorker({
    store: app.store,
    clock,
    registry: createChannelRegistry({ store: app.store, telegram: {}, mediaDir: app.config.mediaDir, timeoutMs: 1000 }),
    publicUrl: app.config.publicUrl,
    logger: pino({ level: 'silent' }),
  });
  t.after(async () => {
    await worker.stop();
    await app.close();
    await telegram.close();
  });
  const later = async () => {
    clock.advance(hour);
    await worker.kick();
  };
  const killOf = (item: Ninjs): Ninjs => ({ ...item, version: '2', pubstatus: 'canceled' });
  return { clock, telegram, app, worker, later, killOf };
}

describe('Telegram after a lost answer', () => {
  it('adopts the post the lost call made instead of posting the story again, and its kill takes it down', async (t) => {
    const { telegram, app, worker, later, killOf } = await setUp(t);
    await app.ingest([wireItem({ picture: false })]);
    await worker.kick();
    const lost = wireItem({ picture: false });
    telegram.loseAnswer({ times: 1, method: 'sendMessage' });
    const [story] = await app.ingest([lost]);
    await worker.kick();
    assert.equal(telegram.liveMessages().length, 2, 'the lost call did post');
    assert.equal((await app.store.outbox.findPost(story!.id, 'telegram'))?.state, 'sending');

    await later();
    assert.equal(telegram.callsOf('sendMessage').length, 2, 'not posted again');
    assert.equal(telegram.liveMessages().length, 2);
    const post = await app.store.outbox.findPost(story!.id, 'telegram');
    assert.equal(post?.state, 'live');
    assert.equal(post?.remoteId, String(telegram.liveMessages()[1]?.messageId));

    await app.ingest([killOf(lost)]);
    await later();
    assert.equal(telegram.liveMessages().length, 1, 'only the other story is left');
  });

  it('takes down the copy a lost call left when the kill comes before any retry', async (t) => {
    const { telegram, app, worker, later, killOf } = await setUp(t);
    await app.ingest([wireItem({ picture: false })]);
    await worker.kick();
    // Someone else posts in the channel: the bot may not edit that post, so the probe passes it by.
    const byHand = telegram.postByHand({ chatId, text: 'Good morning from the desk' });
    const lost = wireItem({ picture: false });
    telegram.loseAnswer({ times: 1, method: 'sendMessage' });
    const [story] = await app.ingest([lost]);
    await worker.kick();
    await app.ingest([killOf(lost)]);
    await later();

    assert.deepEqual(
      telegram.liveMessages().map((m) => m.messageId),
      [100, byHand.messageId],
      'the lost copy is gone; the first story and the hand-made post stay',
    );
    assert.equal(byHand.text, 'Good morning from the desk');
    assert.equal(
      telegram.callsOf('editMessageText').find((c) => c.params.message_id === String(byHand.messageId))?.description,
      "Bad Request: message can't be edited",
    );
    assert.equal(telegram.callsOf('sendMessage').length, 2, 'the killed story is not posted again');
    const rows = await app.store.outbox.list({ storyId: story!.id, channel: 'telegram' });
    assert.deepEqual(rows.map((r) => `${r.kind}:${r.status}`).sort(), ['kill:delivered', 'publish:skipped']);
  });

  it('removes the duplicate when the first post ever made in the chat lost its answer', async (t) => {
    const { telegram, app, worker, later, killOf } = await setUp(t);
    const lost = wireItem({ picture: false });
    telegram.loseAnswer({ times: 1, method: 'sendMessage' });
    await app.ingest([lost]);
    await worker.kick();
    await later();
    assert.equal(telegram.callsOf('sendMessage').length, 2, 'with no id known before it, the story is posted again');
    assert.equal(telegram.liveMessages().length, 1, 'and the lost copy just below the new post is deleted');
    await app.ingest([killOf(lost)]);
    await later();
    assert.equal(telegram.liveMessages().length, 0);
  });

  it("never probes when the bot may edit other admins' posts, and says so", async (t) => {
    const { telegram, app, worker, later } = await setUp(t, { canEditMessages: true });
    await app.ingest([wireItem({ picture: false })]);
    await worker.kick();
    telegram.loseAnswer({ times: 1, method: 'sendMessage' });
    const [story] = await app.ingest([wireItem({ picture: false })]);
    await worker.kick();
    const byHand = telegram.postByHand({ chatId, text: 'Good morning from the desk' });
    await later();
    assert.equal(telegram.callsOf('editMessageText').length, 0);
    assert.equal(byHand.text, 'Good morning from the desk');
    const [row] = (await app.store.outbox.list({ storyId: story!.id, channel: 'telegram' })).filter((r) => r.status === 'delivered');
    assert.match(row?.result ?? '', /not checked: the bot may edit other admins' posts/);
  });
});
