import { LedeError } from '../../core/errors.js';
import { absoluteUrl, articlePath, mediaPath } from '../../core/urls.js';
import { type Channel, type ChannelContext, type DeliveryResult, type RenderResult, skipUnlessLive } from '../channel.js';
import { callTelegram, type PhotoFile, type TelegramAnswer, type TelegramSettings, telegramFailure } from './telegram-api.js';
import { captionLimit, messageLimit, photoCredit, renderTelegramPost, withdrawnHtml } from './telegram-text.js';

type PostMode = 'photo' | 'text';

export type TelegramPayload =
  | { action: 'send'; method: 'sendPhoto' | 'sendMessage'; fields: Record<string, string | number>; photo?: PhotoFile; mode: PostMode }
  | { action: 'edit'; method: 'editMessageCaption' | 'editMessageText'; fields: Record<string, string | number> }
  | { action: 'delete'; chatId: string; messageId: number; mode: PostMode };

export interface TelegramChannelDeps {
  settings: TelegramSettings;
  /** The hero picture from our media folder, for a multipart upload; undefined when we lack the file. */
  loadPicture(mediaId: string): Promise<PhotoFile | undefined>;
  timeoutMs?: number;
}

// Bot API error descriptions (https://core.telegram.org/bots/api, "Bad Request: …").
const notModified = /message is not modified/i;
const editTargetGone = /message to edit not found/i;
const deleteTargetGone = /message to delete not found/i;
/** Bots may delete only messages younger than 48 hours; older ones answer this. */
const tooOldToDelete = /message can't be deleted/i;

const later = (method: string, answer: Extract<TelegramAnswer, { ok: false }>): DeliveryResult => ({
  status: 'later',
  reason: `telegram ${method}: 429 ${answer.description}`,
  retryAfterMs: (answer.retryAfterSeconds ?? 1) * 1000,
});

const editFields = (
  mode: PostMode,
  chatId: string,
  messageId: number,
  html: string,
): { method: 'editMessageCaption' | 'editMessageText'; fields: Record<string, string | number> } =>
  mode === 'photo'
    ? { method: 'editMessageCaption', fields: { chat_id: chatId, message_id: messageId, caption: html, parse_mode: 'HTML' } }
    : { method: 'editMessageText', fields: { chat_id: chatId, message_id: messageId, text: html, parse_mode: 'HTML' } };

/**
 * The Telegram channel: a post per story on publish (`sendPhoto` with the hero picture and a
 * caption, or `sendMessage`), edited on update, deleted on kill or withhold — or, past the
 * 48 hours in which Telegram lets a bot delete, edited to say the story was withdrawn.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): Channel<TelegramPayload> {
  const { settings } = deps;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const call = (method: string, fields: Record<string, string | number>, photo?: PhotoFile) =>
    callTelegram({ settings, method, fields, photo, timeoutMs });

  const postHtml = (story: Parameters<Channel['render']>[0], ctx: ChannelContext, mode: PostMode) =>
    renderTelegramPost({
      headline: story.headline,
      standfirst: story.standfirst,
      credit: mode === 'photo' ? photoCredit(story) : undefined,
      url: absoluteUrl(ctx.publicUrl, articlePath(story)),
      limit: mode === 'photo' ? captionLimit : messageLimit,
    });

  const withdraw = async (payload: Extract<TelegramPayload, { action: 'delete' }>): Promise<DeliveryResult> => {
    const edit = editFields(payload.mode, payload.chatId, payload.messageId, withdrawnHtml);
    const answer = await call(edit.method, edit.fields);
    const post = { remoteId: String(payload.messageId), data: { chatId: payload.chatId, mode: payload.mode } };
    if (answer.ok || notModified.test(answer.description))
      return { status: 'delivered', note: 'too old to delete: edited to say withdrawn', post: { ...post, state: 'withdrawn' } };
    if (answer.errorCode === 429) return later(edit.method, answer);
    if (editTargetGone.test(answer.description))
      return { status: 'delivered', note: 'post already gone', post: { ...post, state: 'deleted' } };
    return telegramFailure(edit.method, answer);
  };

  return {
    name: 'telegram',
    kind: 'telegram',
    right: 'social',
    async render(story, event, ctx): Promise<RenderResult<TelegramPayload>> {
      const live = ctx.post?.state === 'live' ? ctx.post : undefined;
      const mode: PostMode = live?.data.mode === 'photo' ? 'photo' : 'text';
      const chatId = typeof live?.data.chatId === 'string' ? live.data.chatId : settings.chatId;
      if (event.kind === 'kill' || event.kind === 'withhold') {
        if (!live) return { skip: `nothing live on Telegram to take down for this ${event.kind}` };
        return { payload: { action: 'delete', chatId, messageId: Number(live.remoteId), mode } };
      }
      const notLive = skipUnlessLive(story, event);
      if (notLive) return notLive;
      if (live) return { payload: { action: 'edit', ...editFields(mode, chatId, Number(live.remoteId), postHtml(story, ctx, mode)) } };
      if (story.hero) {
        const caption = postHtml(story, ctx, 'photo');
        const fields = { chat_id: settings.chatId, caption, parse_mode: 'HTML' };
        const file = await deps.loadPicture(story.hero.mediaId);
        // Without our copy of the file, Telegram fetches the picture from our public URL.
        if (!file)
          return {
            payload: {
              action: 'send',
              method: 'sendPhoto',
              mode: 'photo',
              fields: { ...fields, photo: absoluteUrl(ctx.publicUrl, mediaPath(story.hero.mediaId)) },
            },
          };
        return { payload: { action: 'send', method: 'sendPhoto', mode: 'photo', fields, photo: file } };
      }
      const text = postHtml(story, ctx, 'text');
      return {
        payload: { action: 'send', method: 'sendMessage', mode: 'text', fields: { chat_id: settings.chatId, text, parse_mode: 'HTML' } },
      };
    },
    async deliver(payload) {
      if (payload.action === 'send') {
        const answer = await call(payload.method, payload.fields, payload.photo);
        if (!answer.ok) return answer.errorCode === 429 ? later(payload.method, answer) : telegramFailure(payload.method, answer);
        const messageId = typeof answer.result === 'object' ? answer.result.message_id : undefined;
        if (typeof messageId !== 'number')
          throw new LedeError('LEDE_CHANNEL_DELIVERY', `telegram ${payload.method}: answer ok but without a numeric result.message_id`);
        const chatId = String(payload.fields.chat_id);
        return {
          status: 'delivered',
          note: `message ${messageId}`,
          post: { remoteId: String(messageId), state: 'live', data: { chatId, mode: payload.mode } },
        };
      }
      if (payload.action === 'edit') {
        const answer = await call(payload.method, payload.fields);
        if (answer.ok) return { status: 'delivered', note: `message ${payload.fields.message_id} edited` };
        if (answer.errorCode === 429) return later(payload.method, answer);
        if (notModified.test(answer.description)) return { status: 'delivered', note: 'post already up to date' };
        if (editTargetGone.test(answer.description)) {
          const post = {
            remoteId: String(payload.fields.message_id),
            state: 'deleted' as const,
            data: { chatId: String(payload.fields.chat_id) },
          };
          return { status: 'skipped', reason: 'the Telegram post no longer exists (deleted by hand?)', post };
        }
        return telegramFailure(payload.method, answer);
      }
      const answer = await call('deleteMessage', { chat_id: payload.chatId, message_id: payload.messageId });
      const post = { remoteId: String(payload.messageId), state: 'deleted' as const, data: { chatId: payload.chatId, mode: payload.mode } };
      if (answer.ok) return { status: 'delivered', note: `message ${payload.messageId} deleted`, post };
      if (answer.errorCode === 429) return later('deleteMessage', answer);
      if (deleteTargetGone.test(answer.description)) return { status: 'delivered', note: 'post already gone', post };
      if (tooOldToDelete.test(answer.description)) return withdraw(payload);
      return telegramFailure('deleteMessage', answer);
    },
  };
}
