import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { type PushApp, startPushApp, wireItem } from '../helpers/push-app.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';

const hours = (n: number) => n * 3600 * 1000;

describe('Telegram channel', () => {
  let clock: ReturnType<typeof createManualClock>;
  let telegram: FakeTelegram;
  let t: PushApp;

  beforeEach(async () => {
    clock = createManualClock('2026-03-01T12:00:00Z');
    telegram = await startFakeTelegram({ token: '4242:test-token', clock });
    t = await startPushApp({ clock, telegram });
  });
  afterEach(async () => {
    await t.close();
    await telegram.close();
  });

  const telegramRows = () => t.store.outbox.list({ channel: 'telegram' });

  it('posts a published story as a photo with a caption: bold headline, standfirst, credit, canonical link', async () => {
    const [result] = await t.ingest([wireItem({ headlines: [{ role: 'main', value: 'Harbour strike ends' }] })]);
    await t.deliver();
    const [call] = telegram.calls;
    assert.equal(call?.method, 'sendPhoto');
    assert.equal(call?.status, 200);
    assert.match(call?.contentType ?? '', /^multipart\/form-data/);
    assert.match(call?.photo?.filename ?? '', /\.jpg$/);
    assert.ok((call?.photo?.size ?? 0) > 1000, 'our own picture file is uploaded');
    assert.equal(call?.params.chat_id, '@lede_test');
    assert.equal(call?.params.parse_mode, 'HTML');
    const story = await t.store.stories.findById(result!.id);
    const link = `http://news.example.test/world/2026/03/01/${story?.slug}`;
    assert.equal(
      call?.params.caption,
      `<b>Harbour strike ends</b>\n\nDock workers return to work after a deal on pay &amp; hours &lt;finally&gt;.\n\nPhoto: Jean Photographe / AFP\n<a href="${link}">${link}</a>`,
    );
    const [message] = telegram.liveMessages();
    assert.match(message?.text ?? '', /pay & hours <finally>\./);
    const [row] = await telegramRows();
    assert.equal(row?.status, 'delivered');
    assert.equal(row?.result, `message ${message?.messageId}`);
    assert.equal((await t.store.outbox.findPost(result!.id, 'telegram'))?.remoteId, String(message?.messageId));
  });

  it('sends a text message when the story has no picture', async () => {
    await t.ingest([wireItem({ picture: false })]);
    await t.deliver();
    assert.deepEqual(
      telegram.calls.map((c) => c.method),
      ['sendMessage'],
    );
    assert.match(telegram.liveMessages()[0]?.text ?? '', /^Harbour strike ends/);
  });

  it('edits the caption on update and deletes the post on kill', async () => {
    const item = wireItem();
    await t.ingest([item]);
    await t.deliver();
    await t.ingest([{ ...item, version: '2', headlines: [{ role: 'main', value: 'Harbour strike ends with a pay deal' }] }]);
    await t.deliver();
    const [message] = telegram.liveMessages();
    assert.match(message?.text ?? '', /^Harbour strike ends with a pay deal/);
    await t.ingest([{ ...item, version: '3', pubstatus: 'canceled', bodies: undefined }]);
    await t.deliver();
    assert.deepEqual(
      telegram.calls.map((c) => `${c.method} ${c.status}`),
      ['sendPhoto 200', 'editMessageCaption 200', 'deleteMessage 200'],
    );
    assert.equal(telegram.liveMessages().length, 0);
    assert.deepEqual(
      (await telegramRows()).map((r) => `${r.kind}:${r.status}`),
      ['publish:delivered', 'update:delivered', 'kill:delivered'],
    );
  });

  it('edits a post older than 48 hours to say the story was withdrawn, as Telegram no longer lets it be deleted', async () => {
    const item = wireItem();
    const [result] = await t.ingest([item]);
    await t.deliver();
    clock.advance(hours(49));
    await t.ingest([{ ...item, version: '2', pubstatus: 'canceled', bodies: undefined }]);
    await t.deliver();
    assert.deepEqual(
      telegram.calls.map((c) => `${c.method} ${c.status}${c.description ? ` ${c.description}` : ''}`),
      ['sendPhoto 200', "deleteMessage 400 Bad Request: message can't be deleted", 'editMessageCaption 200'],
    );
    const [message] = telegram.liveMessages();
    assert.equal(message?.text, 'Withdrawn\nThis story has been withdrawn.');
    assert.equal((await t.store.outbox.findPost(result!.id, 'telegram'))?.state, 'withdrawn');
  });

  it('waits as long as a 429 says before trying again', async () => {
    telegram.rateLimit({ retryAfter: 30 });
    await t.ingest([wireItem()]);
    await t.deliver();
    const [row] = await telegramRows();
    assert.equal(row?.status, 'pending');
    assert.equal(row?.failures, 0, 'a rate limit is not a failure');
    assert.equal(row?.nextAttemptAt, new Date(clock.now().getTime() + 30_000).toISOString());
    clock.advance(29_000);
    await t.deliver();
    assert.equal(telegram.calls.length, 1, 'nothing is sent before retry_after has passed');
    clock.advance(1_000);
    await t.deliver();
    assert.deepEqual(
      telegram.calls.map((c) => c.status),
      [429, 200],
    );
    assert.equal((await telegramRows())[0]?.status, 'delivered');
  });

  it('cuts a very long standfirst to keep the caption within 1,024 characters, and never the link', async () => {
    const standfirst = `${'Negotiations over pay and hours dragged on through the night. '.repeat(60)}END`;
    const [result] = await t.ingest([wireItem({ descriptions: [{ role: 'summary', value: standfirst }] })]);
    await t.deliver();
    const [call] = telegram.calls;
    assert.equal(call?.status, 200, call?.description);
    const [message] = telegram.liveMessages();
    assert.ok((message?.text.length ?? 0) <= 1024, `caption has ${message?.text.length} characters`);
    assert.ok((message?.text.length ?? 0) > 900, 'the room is used');
    const story = await t.store.stories.findById(result!.id);
    assert.ok(message?.text.endsWith(`Photo: Jean Photographe / AFP\nhttp://news.example.test/world/2026/03/01/${story?.slug}`));
    assert.match(message?.text ?? '', /…\n\nPhoto:/);
    assert.ok(!message?.text.includes('END'));
  });

  it('deletes the post when a story is withheld and posts again when it returns', async () => {
    const item = wireItem();
    await t.ingest([item]);
    await t.deliver();
    await t.ingest([{ ...item, version: '2', pubstatus: 'withheld' }]);
    await t.deliver();
    await t.ingest([{ ...item, version: '3' }]);
    await t.deliver();
    assert.deepEqual(
      telegram.calls.map((c) => c.method),
      ['sendPhoto', 'deleteMessage', 'sendPhoto'],
    );
    const live = telegram.liveMessages();
    assert.equal(live.length, 1);
    assert.notEqual(live[0]?.messageId, telegram.calls[1]?.params.message_id);
  });
});

describe('Telegram channel and source rights', () => {
  it('skips stories whose source forbids social posting, and says why', async (t) => {
    const clock = createManualClock('2026-03-01T12:00:00Z');
    const telegram = await startFakeTelegram({ token: '4242:test-token', clock });
    const app = await startPushApp({ clock, telegram, rights: { social: false } });
    t.after(async () => {
      await app.close();
      await telegram.close();
    });
    await app.ingest([wireItem()]);
    await app.deliver();
    assert.equal(telegram.calls.length, 0);
    const [row] = await app.store.outbox.list({ channel: 'telegram' });
    assert.equal(row?.status, 'skipped');
    assert.equal(row?.result, 'source afp does not allow social');
  });
});
