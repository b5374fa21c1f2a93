import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/core/clock.js';

/**
 * A local stand-in for the Telegram Bot API (https://core.telegram.org/bots/api): a real HTTP
 * server answering `/bot<TOKEN>/<method>` for sendPhoto, sendMessage, editMessageCaption,
 * editMessageText, deleteMessage, getMe and getChatMember, with JSON, urlencoded or multipart
 * bodies, enforcing what Telegram enforces: required parameters, HTML entity parsing, 1,024
 * characters of caption and 4,096 of text (counted after parsing), unknown message ids, no
 * deletion after 48 hours (on the injected clock), message ids that count up per channel and
 * are shared with posts of the channel's other admins, which the bot may edit or delete only
 * with the admin rights to do so, and 429 with `parameters.retry_after` when told to. Like the
 * real API it offers no way to read a channel's messages. Every call is recorded.
 */
export interface FakeMessage {
  messageId: number;
  chatId: string;
  kind: 'photo' | 'text';
  /** The HTML as sent, and the text a reader sees. */
  html: string;
  text: string;
  /** `file:NAME (N bytes)` for an upload, else the URL or file_id sent. */
  photo?: string;
  sentAt: number;
  isDeleted: boolean;
  /** Posted by the bot (false: by another admin of the channel). */
  isFromBot: boolean;
}

export interface TelegramCall {
  method: string;
  params: Record<string, string>;
  photo?: { filename: string; size: number; contentType: string };
  contentType: string;
  status: number;
  description?: string;
}

type Rule = { times: number; method?: string } & (
  | { kind: 'rate-limit'; retryAfter: number }
  | { kind: 'fail'; status: number; body: string }
  | { kind: 'hang' }
  /** The method runs, then the answer never comes: the outcome is lost to the caller. */
  | { kind: 'lose-answer' }
);

const limits = { caption: 1024, text: 4096 };
const maxDeleteAgeMs = 48 * 3600 * 1000;
const allowedTags = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

/** Bot API "HTML style" parsing: the visible text, or the error Telegram gives. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  let text = '';
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    const offset = Buffer.byteLength(html.slice(0, i));
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { error: `Can't find end of the tag at byte offset ${offset}` };
      const inner = html.slice(i + 1, end).trim();
      const closing = inner.startsWith('/');
      const name = (closing ? inner.slice(1) : inner).split(/\s/)[0]!.toLowerCase();
      if (closing) {
        if (open.pop() !== name)
          return { error: `Unmatched end tag at byte offset ${offset}, expected "</${open.at(-1) ?? ''}>", found "</${name}>"` };
      } else {
        if (!allowedTags.has(name)) return { error: `Unsupported start tag "${name}" at byte offset ${offset}` };
        open.push(name);
      }
      i = end + 1;
    } else if (ch === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!entity) return { error: `Character '&' is reserved and must be escaped at byte offset ${offset}` };
      const name = entity[1]!.toLowerCase();
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
      text +=
        named[name] ?? String.fromCodePoint(name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10));
      i += entity[0].length;
    } else if (ch === '>') {
      return { error: `Character '>' is reserved and must be escaped at byte offset ${offset}` };
    } else {
      text += ch;
      i++;
    }
  }
  if (open.length > 0) return { error: `Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { text: text.trim() };
}

async function readParams(
  request: IncomingMessage,
): Promise<{ params: Record<string, string>; photo?: TelegramCall['photo'] & { isFile: true } }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const contentType = request.headers['content-type'] ?? '';
  const params: Record<string, string> = Object.fromEntries(new URL(request.url ?? '/', 'http://x').searchParams);
  if (contentType.startsWith('application/json') && body.length > 0) {
    for (const [key, value] of Object.entries(JSON.parse(body.toString('utf8')) as Record<string, unknown>))
      params[key] = typeof value === 'string' ? value : JSON.stringify(value);
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    let photo: (TelegramCall['photo'] & { isFile: true }) | undefined;
    for (const [key, value] of form) {
      if (typeof value === 'string') params[key] = value;
      else if (key === 'photo') photo = { filename: value.name, size: value.size, contentType: value.type, isFile: true };
    }
    return { params, photo };
  }
  return { params };
}

export async function startFakeTelegram(options: {
  token: string;
  clock: Clock;
  /** The bot's admin rights in the channel over other admins' posts (Telegram's "Edit/Delete messages of others"). */
  rights?: { canEditMessages?: boolean; canDeleteMessages?: boolean };
}) {
  const rights = { canEditMessages: false, canDeleteMessages: true, ...options.rights };
  const calls: TelegramCall[] = [];
  const messages = new Map<number, FakeMessage>();
  const rules: Rule[] = [];
  let nextId = 100;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(request.url ?? '/', 'http://x').pathname);
    const { params, photo } = await readParams(request);
    const method = match?.[2] ?? '';
    const call: TelegramCall = { method, params, contentType: request.headers['content-type'] ?? '', status: 0 };
    if (photo) call.photo = { filename: photo.filename, size: photo.size, contentType: photo.contentType };
    calls.push(call);
    const send = (status: number, body: unknown) => {
      call.status = status;
      if (losesAnswer) return; // never answered; the socket is left open until close()
      if (typeof body === 'object' && body && 'description' in body) call.description = String(body.description);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const bad = (description: string) => send(400, { ok: false, error_code: 400, description: `Bad Request: ${description}` });

    const rule = rules.find((r) => r.times > 0 && (!r.method || r.method === method));
    let losesAnswer = false;
    if (rule?.kind === 'lose-answer') {
      rule.times--;
      losesAnswer = true;
    } else if (rule) {
      rule.times--;
      if (rule.kind === 'hang') return; // never answers: the caller's timeout must fire
      if (rule.kind === 'fail') {
        call.status = rule.status;
        response.writeHead(rule.status, { 'content-type': 'text/html' }).end(rule.body);
        return;
      }
      return send(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${rule.retryAfter}`,
        parameters: { retry_after: rule.retryAfter },
      });
    }
    if (!match || match[1] !== options.token) return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const now = options.clock.now().getTime();
    const chatId = params.chat_id;
    const findMessage = () => {
      const message = messages.get(Number(params.message_id));
      return message && !message.isDeleted && message.chatId === chatId ? message : undefined;
    };
    const botId = Number(options.token.split(':')[0]);
    const parsed = (html: string, limit: number, tooLong: string) => {
      const result = parseTelegramHtml(html);
      if ('error' in result) return { error: `can't parse entities: ${result.error}` };
      if (result.text.length > limit) return { error: tooLong };
      return { text: result.text };
    };
    const messageResult = (m: FakeMessage) => ({
      message_id: m.messageId,
      date: Math.floor(m.sentAt / 1000),
      chat: { id: m.chatId, type: 'channel' },
      ...(m.kind === 'photo'
        ? { photo: [{ file_id: `photo-${m.messageId}`, width: 800, height: 450 }], caption: m.text }
        : { text: m.text }),
    });

    switch (method) {
      case 'sendMessage':
      case 'sendPhoto': {
        if (!chatId) return bad('chat_id is empty');
        const isPhoto = method === 'sendPhoto';
        const photoRef = photo ? `file:${photo.filename} (${photo.size} bytes)` : params.photo;
        if (isPhoto && !photoRef) return bad('there is no photo in the request');
        const html = (isPhoto ? params.caption : params.text) ?? '';
        if (!isPhoto && html.trim() === '') return bad('message text is empty');
        const result = isPhoto
          ? parsed(html, limits.caption, 'message caption is too long')
          : parsed(html, limits.text, 'message is too long');
        if ('error' in result) return bad(result.error!);
        const message: FakeMessage = {
          messageId: nextId++,
          chatId,
          kind: isPhoto ? 'photo' : 'text',
          html,
          text: result.text!,
          photo: photoRef,
          sentAt: now,
          isDeleted: false,
          isFromBot: true,
        };
        messages.set(message.messageId, message);
        return send(200, { ok: true, result: messageResult(message) });
      }
      case 'editMessageCaption':
      case 'editMessageText': {
        if (!chatId || !params.message_id) return bad('message identifier is not specified');
        const isCaption = method === 'editMessageCaption';
        const html = (isCaption ? params.caption : params.text) ?? '';
        if (!isCaption && html.trim() === '') return bad('message text is empty');
        const message = findMessage();
        if (!message) return bad('message to edit not found');
        if (!message.isFromBot && !rights.canEditMessages) return bad("message can't be edited");
        if (isCaption && message.kind !== 'photo') return bad('there is no caption in the message to edit');
        if (!isCaption && message.kind !== 'text') return bad('there is no text in the message to edit');
        const result = isCaption
          ? parsed(html, limits.caption, 'message caption is too long')
          : parsed(html, limits.text, 'message is too long');
        if ('error' in result) return bad(result.error!);
        if (html === message.html)
          return bad(
            'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        message.html = html;
        message.text = result.text!;
        return send(200, { ok: true, result: messageResult(message) });
      }
      case 'deleteMessage': {
        if (!chatId) return bad('chat_id is empty');
        if (!params.message_id) return bad('message identifier is not specified');
        const message = findMessage();
        if (!message) return bad('message to delete not found');
        if (!message.isFromBot && !rights.canDeleteMessages) return bad("message can't be deleted");
        if (now - message.sentAt > maxDeleteAgeMs) return bad("message can't be deleted");
        message.isDeleted = true;
        return send(200, { ok: true, result: true });
      }
      case 'getMe':
        return send(200, { ok: true, result: { id: botId, is_bot: true, first_name: 'Lede test', username: 'lede_test_bot' } });
      case 'getChatMember': {
        if (!chatId) return bad('chat_id is empty');
        if (Number(params.user_id) !== botId) return bad('user not found');
        return send(200, {
          ok: true,
          result: {
            status: 'administrator',
            user: { id: botId, is_bot: true, first_name: 'Lede test', username: 'lede_test_bot' },
            can_be_edited: false,
            can_post_messages: true,
            can_edit_messages: rights.canEditMessages,
            can_delete_messages: rights.canDeleteMessages,
          },
        });
      }
      default:
        return send(404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiBase: `http://127.0.0.1:${port}`,
    token: options.token,
    calls,
    messages,
    /** Calls that reached a method (not a rule's canned answer), by method. */
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    /** The next `times` calls (of `method`, if given) answer 429 with `retry_after`. */
    rateLimit: (input: { times?: number; retryAfter: number; method?: string }) =>
      rules.push({ kind: 'rate-limit', times: input.times ?? 1, retryAfter: input.retryAfter, method: input.method }),
    /** The next `times` calls answer `status` with `body` (default a 502 HTML page: not the Bot API's JSON). */
    fail: (input: { times: number; status?: number; body?: string; method?: string }) =>
      rules.push({
        kind: 'fail',
        times: input.times,
        status: input.status ?? 502,
        body: input.body ?? '<html>Bad Gateway</html>',
        method: input.method,
      }),
    /** The next `times` calls never get an answer. */
    hang: (input: { times: number; method?: string }) => rules.push({ kind: 'hang', times: input.times, method: input.method }),
    /** The next `times` calls (of `method`) take effect but never get an answer (a crash or a network cut mid-call). */
    loseAnswer: (input: { times: number; method?: string }) =>
      rules.push({ kind: 'lose-answer', times: input.times, method: input.method }),
    /** Another admin of the channel posts `text` (by hand, not through the Bot API): it takes the next message id. */
    postByHand(input: { chatId: string; text: string }): FakeMessage {
      const message: FakeMessage = {
        messageId: nextId++,
        chatId: input.chatId,
        kind: 'text',
        html: input.text,
        text: input.text,
        sentAt: options.clock.now().getTime(),
        isDeleted: false,
        isFromBot: false,
      };
      messages.set(message.messageId, message);
      return message;
    },
    liveMessages: () => [...messages.values()].filter((m) => !m.isDeleted),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
