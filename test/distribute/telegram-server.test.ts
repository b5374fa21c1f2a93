import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createManualClock } from '../../src/core/clock.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';

/** The stand-in must refuse what Telegram refuses, or the channel tests prove nothing. */
describe('fake Telegram Bot API', () => {
  const clock = createManualClock('2026-03-01T12:00:00Z');
  let telegram: FakeTelegram;
  before(async () => {
    telegram = await startFakeTelegram({ token: '1:t', clock });
  });
  after(() => telegram.close());

  const call = async (method: string, body: Record<string, unknown>, token = '1:t') => {
    const response = await fetch(`${telegram.apiBase}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      json: (await response.json()) as {
        ok: boolean;
        description?: string;
        result?: { message_id: number };
        parameters?: { retry_after: number };
      },
    };
  };
  const description = async (method: string, body: Record<string, unknown>) => (await call(method, body)).json.description;

  it('requires the parameters Telegram requires, and the right token', async () => {
    assert.equal(await description('sendMessage', { text: 'hi' }), 'Bad Request: chat_id is empty');
    assert.equal(await description('sendMessage', { chat_id: '@c' }), 'Bad Request: message text is empty');
    assert.equal(await description('sendPhoto', { chat_id: '@c', caption: 'x' }), 'Bad Request: there is no photo in the request');
    assert.equal((await call('sendMessage', { chat_id: '@c', text: 'hi' }, '2:wrong')).status, 401);
  });

  it('parses HTML entities: unsupported tags and bare ampersands are refused, lengths count what the reader sees', async () => {
    assert.match(
      (await description('sendMessage', { chat_id: '@c', text: '<p>hi</p>' })) ?? '',
      /can't parse entities: Unsupported start tag "p"/,
    );
    assert.match((await description('sendMessage', { chat_id: '@c', text: 'fish & chips' })) ?? '', /can't parse entities/);
    const fits = `<b>${'&amp;'.repeat(1024)}</b>`;
    assert.equal((await call('sendPhoto', { chat_id: '@c', photo: 'https://x/p.jpg', caption: fits })).status, 200);
    assert.equal(
      await description('sendPhoto', { chat_id: '@c', photo: 'https://x/p.jpg', caption: `${fits}!` }),
      'Bad Request: message caption is too long',
    );
    assert.equal(await description('sendMessage', { chat_id: '@c', text: 'x'.repeat(4097) }), 'Bad Request: message is too long');
  });

  it('refuses unknown message ids, and deletion after 48 hours', async () => {
    assert.equal(
      await description('editMessageText', { chat_id: '@c', message_id: 999, text: 'x' }),
      'Bad Request: message to edit not found',
    );
    assert.equal(await description('deleteMessage', { chat_id: '@c', message_id: 999 }), 'Bad Request: message to delete not found');
    const sent = await call('sendMessage', { chat_id: '@c', text: 'old news' });
    const messageId = sent.json.result?.message_id;
    assert.equal(
      await description('editMessageText', { chat_id: '@c', message_id: messageId, text: 'old news' }),
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
    assert.equal(
      await description('editMessageCaption', { chat_id: '@c', message_id: messageId, caption: 'x' }),
      'Bad Request: there is no caption in the message to edit',
    );
    clock.advance(48 * 3600 * 1000 + 1000);
    assert.equal(await description('deleteMessage', { chat_id: '@c', message_id: messageId }), "Bad Request: message can't be deleted");
  });

  it('answers 429 with retry_after when told to, and records every call', async () => {
    telegram.rateLimit({ retryAfter: 7 });
    const limited = await call('sendMessage', { chat_id: '@c', text: 'hi' });
    assert.equal(limited.status, 429);
    assert.equal(limited.json.parameters?.retry_after, 7);
    assert.equal(telegram.calls.at(-1)?.status, 429);
    assert.equal((await call('sendMessage', { chat_id: '@c', text: 'hi' })).status, 200);
  });

  it("lets the bot edit or delete another admin's post only with the right to, and reports those rights", async () => {
    const byHand = telegram.postByHand({ chatId: '@c', text: 'from the desk' });
    const edit = await call('editMessageText', { chat_id: '@c', message_id: byHand.messageId, text: 'changed' });
    assert.equal(edit.json.description, "Bad Request: message can't be edited");
    assert.equal(byHand.text, 'from the desk');
    const me = (await call('getMe', {})).json as unknown as { result: { id: number; is_bot: boolean } };
    assert.deepEqual([me.result.id, me.result.is_bot], [1, true]);
    const member = (await call('getChatMember', { chat_id: '@c', user_id: me.result.id })).json as unknown as {
      result: { status: string; can_edit_messages: boolean; can_delete_messages: boolean };
    };
    assert.deepEqual(member.result.status, 'administrator');
    assert.equal(member.result.can_edit_messages, false);
    assert.equal(member.result.can_delete_messages, true);
    assert.equal((await call('deleteMessage', { chat_id: '@c', message_id: byHand.messageId })).json.ok, true);
  });

  it('carries out a call whose answer it then never sends, when told to', async (t) => {
    telegram.loseAnswer({ times: 1, method: 'sendMessage' });
    const before = telegram.liveMessages().length;
    const answer = await fetch(`${telegram.apiBase}/bot1:t/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: '@c', text: 'lost' }),
      signal: AbortSignal.timeout(300),
    }).catch((error: Error) => error.name);
    t.diagnostic(`answer: ${String(answer)}`);
    assert.equal(answer, 'TimeoutError');
    assert.equal(telegram.liveMessages().length, before + 1);
  });
});
